if vim.g.loaded_quotelens then
  return
end
vim.g.loaded_quotelens = true

vim.api.nvim_create_user_command('QuotelensSpeakers', function()
  require('quotelens').speakers()
end, { desc = "quotelens: each speaker's quotes in the location list" })

-- The server's code lens runs this client-side command (see :help quotelens-codelens).
vim.lsp.commands['quotelens.showReferences'] = function(command, ctx)
  require('quotelens').show_references(command, ctx)
end

if vim.fn.has('nvim-0.8') == 1 then
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('quotelens_attach', { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == 'quotelens' then
        require('quotelens').attach(client, args.buf)
      end
    end,
  })
end
