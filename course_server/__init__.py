"""Server-side pieces of the course: the serve command's settings and the Voila hooks behind them.

Server only. Nothing in `widgets/` may import this package: the widgets must also run in a browser
kernel (Pyodide), where there is no server. `voila.py` wires these pieces into Voila:

- `settings`: the BTC_* environment variables, checked with a message that names the bad one;
- `kernels`: a kernel manager with a ceiling on live kernels and a "ready for learners" message;
- `websocket`: the kernel websocket connection, which refuses the legacy (JSON) protocol;
- `access`: the shared access code (a friendly code page, `?code=` links, a login cookie);
- `pages`: the learner-facing pages for "enter the code" and "the server is full";
- `listed`: only the pages course.toml lists are served (others get "not found");
- `logs`: the request log line, without query strings (so no code ever reaches the log).
"""
