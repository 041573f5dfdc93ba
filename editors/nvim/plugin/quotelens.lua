if vim.g.loaded_quotelens then
  return
end
vim.g.loaded_quotelens = true

vim.api.nvim_create_user_command('QuotelensSpeakers', function()
  require('quotelens').speakers()
end, { desc = "quotelens: each speaker's quotes in the location list" })
