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

(defun qt-idle ()
  "Run the idle timers, as Emacs does when the user pauses. Batch Emacs never becomes idle,
and Eglot sends a change to the server (didChange) from an idle timer."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

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
      ;; Eglot 1.9 has no inlay hints (eglot-inlay-hints-mode came with Eglot 1.10 / Emacs 29).
      (princ (format "skip inlay hints: Eglot %s has none\n"
                     (if (fboundp 'eglot-inlay-hints-mode) "(unexpectedly)" "1.9")))
      ;; Rename a speaker at one of their names (M-x eglot-rename): every name mention changes,
      ;; nothing else does.
      (let ((r (alist-get 'rename expect)))
        (goto-char (eglot--lsp-position-to-point
                    (list :line (alist-get 'line r) :character (alist-get 'character r))))
        (condition-case e (eglot-rename (alist-get 'to r))
          (error (qt-check nil "eglot-rename succeeds" (error-message-string e))))
        (qt-idle)
        (qt-check (equal (buffer-substring-no-properties (point-min) (point-max)) (alist-get 'text r))
                  (format "renaming %s to %s changes every name mention and nothing else"
                          (alist-get 'old r) (alist-get 'to r))
                  (buffer-substring-no-properties (point-min) (point-max))))
      ;; A quick fix (M-x eglot-code-action-quickfix on the diagnostic, RET on the default, which
      ;; is the preferred fix): the diagnostic goes away, the others stay.
      (let* ((q (alist-get 'quickFix expect))
             (tag (format "[%s]" (alist-get 'code q)))
             (at (eglot--lsp-position-to-point
                  (list :line (alist-get 'line q) :character (alist-get 'character q))))
             (has-it (lambda () (cl-some (lambda (d) (string-match-p (regexp-quote tag) (flymake-diagnostic-text d)))
                                         (flymake-diagnostics))))
             ;; Flymake keeps a diagnostic's start as a number: wait for the diagnostics of the
             ;; renamed text (the rename moved the text after it), where it starts at `at'.
             (diag (qt-wait (lambda ()
                              (cl-find-if (lambda (d) (and (string-match-p (regexp-quote tag) (flymake-diagnostic-text d))
                                                           (= (flymake-diagnostic-beg d) at)))
                                          (flymake-diagnostics)))
                            10))
             (before (buffer-string))
             chosen)
        (qt-check diag (format "flymake shows %s on line %d" tag (1+ (alist-get 'line q))))
        (when diag
          (goto-char (flymake-diagnostic-beg diag))
          (let ((actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix")))
            (qt-check (cl-some (lambda (a) (eq (plist-get a :isPreferred) t)) actions)
                      (format "eglot gets a preferred quick fix for %s" tag)
                      (format "%S" (mapcar (lambda (a) (plist-get a :title)) actions)))
            ;; Invoked from the keyboard (so Eglot asks with completing-read, not a menu).
            (cl-letf ((last-nonmenu-event ?\r)
                      ((symbol-function 'completing-read)
                       (lambda (_prompt _coll &optional _pred _req _init _hist def &rest _)
                         (setq chosen def))))
              (condition-case e (eglot--read-execute-code-action actions (eglot-current-server) "quickfix")
                (error (qt-check nil "the quick fix applies" (error-message-string e)))))
            (qt-idle))
          (qt-check (not (equal before (buffer-string))) (format "the quick fix \"%s\" changes the text" chosen))
          (qt-check (qt-wait (lambda () (and (not (funcall has-it)) (flymake-diagnostics))) 10)
                    (format "after the quick fix %s is gone and the other diagnostics stay" tag)
                    (format "%S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))
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
