// Add CPython 3.13 bytecode to what the browser kernel imports, compiled by Pyodide itself.
//
//   node static_site/precompile.mjs PYODIDE_NPM_DIR SITE_PYODIDE_DIR PRELOAD_JSON
//
// Pyodide's npm package ships the standard library as .py files and the PyPI wheels have no
// bytecode either, so without this every page start compiles about 500 modules in WebAssembly
// (measured: importing the kernel took 3-4 times longer). This runs the same Pyodide under Node,
// loads the kernel's packages from SITE_PYODIDE_DIR (our lock file and wheels), imports what a
// lesson page imports (the kernel, ipywidgets, every module of `widgets` and whatever they import,
// also inside functions), and then rewrites, in place:
//   - python_stdlib.zip: each imported module gets a NAME.pyc beside its NAME.py, which zipimport
//     prefers;
//   - each wheel: each imported module gets __pycache__/NAME.cpython-313.pyc beside its source.
// The .pyc files are "unchecked hash" pycs (PEP 552): valid whatever the files' dates after
// unpacking. Sources stay, so tracebacks keep their lines. Modules nobody imported at start-up
// stay source-only (smaller build); they still work, they are just compiled when first used.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [npmDir, siteDir, preloadJson, stdlibOptimize] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(npmDir, "pyodide.mjs")).href);
const quiet = () => {};
const py = await loadPyodide({
  indexURL: siteDir + path.sep,
  lockFileURL: path.join(siteDir, "pyodide-lock.json"),
  packages: JSON.parse(preloadJson),
  stdout: quiet,
  stderr: (s) => process.stderr.write(s + "\n"),
});
py.globals.set("STDLIB_OPTIMIZE", parseInt(stdlibOptimize || "0", 10));
py.FS.mkdirTree("/site");
py.mountNodeFS("/site", path.resolve(siteDir));
const report = py.runPython(`
import ast, importlib, importlib.util, io, os, pkgutil, re, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# 1. Import what a lesson page imports.
import pyodide_kernel, ipywidgets, widgets  # noqa: E401
# IPython's own lexers (for its help and tracebacks) and plain text: kept in the trimmed Pygments.
names = {"ipython_pygments_lexers", "pygments.lexers.special"}
for info in pkgutil.walk_packages(widgets.__path__, "widgets."):
    names.add(info.name)
for name in sorted(names):
    spec = importlib.util.find_spec(name)
    tree = ast.parse(open(spec.origin, encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
failed = []
for name in sorted(names):
    try:
        importlib.import_module(name)
    except Exception as error:  # a module that is not for the browser: leave it as it is
        failed.append(f"{name}: {error!r}")

# 2. The files behind every imported module.
loaded = {os.path.realpath(m.__file__) for m in list(sys.modules.values())
          if getattr(m, "__file__", None) and m.__file__.endswith(".py")}
stdlib = "/lib/python313.zip/"
site = "/lib/python3.13/site-packages/"

def pyc(data, filename, optimize):
    code = compile(data, filename, "exec", dont_inherit=True, optimize=optimize)
    return _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)

# 3. Left out: modules a page cannot use and did not import. Tests (as Pyodide's own packages
#    do), the standard library's socket clients and servers and process tools (a browser has
#    neither sockets nor processes), and Pygments' lexers for other languages (about 500; IPython
#    colours Python only).
DROP = re.compile(
    r"(^|/)tests?/"
    r"|^(multiprocessing|_pyrepl|wsgiref|xmlrpc)/"
    r"|^(imaplib|smtplib|ftplib|poplib)\.py$"
    r"|^pygments/lexers/(?!_)[a-z0-9_]+\.py$"
)
dropped = []

def rewrite(archive, prefix, keep_source, optimize=0):
    src = zipfile.ZipFile(io.BytesIO(open(archive, "rb").read()))
    out = io.BytesIO()
    added = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            runtime = prefix + info.filename
            if not keep_source and DROP.search(info.filename) and os.path.realpath(runtime) not in loaded:
                dropped.append(info.filename)
                continue
            if not (info.filename.endswith(".py") and os.path.realpath(runtime) in loaded):
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
                continue
            folder, _, base = info.filename.rpartition("/")
            if keep_source:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
                name = (folder + "/" if folder else "") + "__pycache__/" + base[:-3] + "." + sys.implementation.cache_tag + ".pyc"
            else:
                name = info.filename[:-3] + ".pyc"
            item = zipfile.ZipInfo(name, date_time=info.date_time)
            item.external_attr = 0o644 << 16
            dst.writestr(item, pyc(data, runtime, optimize), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            added += 1
    open(archive, "wb").write(out.getvalue())
    return added

counts = {"python_stdlib.zip": rewrite("/site/python_stdlib.zip", stdlib, False, STDLIB_OPTIMIZE)}
for wheel in sorted(os.listdir("/site")):
    if wheel.endswith(".whl"):
        counts[wheel] = rewrite("/site/" + wheel, site, wheel.startswith("breaking_the_cycle-"))
import json
json.dumps({"modules": len(loaded), "pyc": counts, "not_imported": failed, "dropped": len(dropped)})
`);
process.stdout.write(report + "\n");
