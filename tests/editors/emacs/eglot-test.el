;;; eglot-test.el --- headless Emacs + Eglot test of the quotelens server  -*- lexical-binding: t -*-
;; Run by tests/editors/run.sh: emacs --batch -q -l eglot-test.el (-q, not -Q: Debian's eglot
;; is on the load path through site-lisp). Environment: QUOTELENS_CMD, QUOTELENS_FIXTURE,
;; QUOTELENS_EXPECT. Uses the configuration editors/README.md documents.
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defvar qt-passed 0)
(defvar qt-failed 0)
(defun qt-check (ok what &optional detail)
  (if ok
      (progn (setq qt-passed (1+ qt-passed)) (princ (format "ok   %s\n" what)))
    (setq qt-failed (1+ qt-failed))
    (princ (format "FAIL %s%s\n" what (if detail (format ": %s" detail) "")))))

(defun qt-wait (pred seconds)
  "Run timers and process output until PRED is non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    result))

(defun qt-env (name)
  (or (getenv name) (progn (princ (format "missing %s\n" name)) (kill-emacs 2))))

(condition-case err
    (let* ((cmd (qt-env "QUOTELENS_CMD"))
           (fixture (qt-env "QUOTELENS_FIXTURE"))
           (expect (let ((json-object-type 'alist) (json-array-type 'list) (json-key-type 'symbol))
                     (json-read-file (qt-env "QUOTELENS_EXPECT"))))
           server)
      ;; The editors/README.md configuration (with the command under test).
      (add-to-list 'auto-mode-alist '("\\.md\\'" . text-mode))
      (add-to-list 'eglot-server-programs `((text-mode markdown-mode) . (,cmd "lsp")))
      (find-file fixture)
      (switch-to-buffer (current-buffer))
      (qt-check (eq major-mode 'text-mode) "the fixture opens in text-mode" major-mode)
      ;; eglot-ensure does nothing in batch: start it as M-x eglot would.
      ;; eglot--guess-contact gives (MODE PROJECT CLASS CONTACT LANGUAGE-ID), as M-x eglot uses.
      (apply #'eglot (eglot--guess-contact))
      (setq server (eglot-current-server))
      (qt-check server "eglot connects to the server")
      ;; Flymake starts on the first command in an interactive session; batch has none.
      (flymake-start)
      (let* ((wanted (alist-get 'diagnostics expect))
             (line-codes (lambda ()
                           (mapcar (lambda (d)
                                     (cons (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                                           (flymake-diagnostic-text d)))
                                   (flymake-diagnostics))))
             (all (qt-wait (lambda ()
                             (cl-every (lambda (w)
                                         (cl-some (lambda (lc)
                                                    (and (= (car lc) (alist-get 'line w))
                                                         (string-match-p (regexp-quote (format "[%s]" (alist-get 'code w)))
                                                                         (cdr lc))))
                                                  (funcall line-codes)))
                                       wanted))
                           20)))
        (qt-check all "flymake shows the server's diagnostics on the expected lines"
                  (format "%S" (funcall line-codes)))
        (qt-check (and (funcall line-codes)
                       (cl-every (lambda (lc) (string-prefix-p "quotelens" (cdr lc))) (funcall line-codes)))
                  "every diagnostic comes from quotelens"))
      ;; Hover through eldoc, the way Emacs shows it at point.
      (dolist (h (alist-get 'hovers expect))
        (goto-char (point-min))
        (if (not (search-forward (alist-get 'needle h) nil t))
            (qt-check nil (format "hover target found: %s" (alist-get 'needle h)))
          (goto-char (+ (match-beginning 0) 2))
          (let (doc)
            (eglot-hover-eldoc-function (lambda (info &rest _) (setq doc (or info ""))))
            (qt-wait (lambda () doc) 10)
            (qt-check (and doc (string-match-p (regexp-quote (alist-get 'speaker h)) doc))
                      (format "hover on \"%s\" names %s" (alist-get 'needle h) (alist-get 'speaker h))
                      doc))))
      ;; On failure, show the end of the JSON-RPC log: what the server and Eglot said.
      (when (> qt-failed 0)
        (with-current-buffer (jsonrpc-events-buffer server)
          (princ (format "--- eglot events (end):\n%s\n---\n"
                         (buffer-substring-no-properties (max (point-min) (- (point-max) 6000)) (point-max))))))
      ;; Shut down with the messages M-x eglot-shutdown sends (shutdown with null params, then
      ;; exit), but give the server time to exit by itself: Emacs 28's jsonrpc-shutdown deletes
      ;; the process right after `exit', which would hide a server that never exits.
      (let ((proc (jsonrpc--process server)) ok)
        (setf (eglot--shutdown-requested server) t)
        (condition-case e
            (progn (jsonrpc-request server :shutdown nil :timeout 5) (setq ok t))
          (error (qt-check nil "the server accepts Eglot's shutdown request" (format "%S" e))))
        (when ok (qt-check t "the server accepts Eglot's shutdown request"))
        (jsonrpc-notify server :exit nil)
        (qt-check (qt-wait (lambda () (not (process-live-p proc))) 5)
                  "the server exits by itself after exit")
        (when (process-live-p proc) (eglot-shutdown server))))
  (error (qt-check nil "test script error" (error-message-string err))))

(princ (format "emacs %s: %d passed, %d failed\n" emacs-version qt-passed qt-failed))
(kill-emacs (if (> qt-failed 0) 1 0))
