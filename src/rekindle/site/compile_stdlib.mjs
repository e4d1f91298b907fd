// Build time only (run by rekindle/site/stdlib.py): compile Pyodide's standard library
// with Pyodide's own Python, the exact interpreter the reader's browser will run.
//
//   node compile_stdlib.mjs PYODIDE_DIR OUT_DIR
//
// Pyodide ships its standard library as .py sources, so every boot compiles the ~190
// modules its start-up imports, in WebAssembly (measured in Node: 1.7-1.9 s boot from
// sources, 0.56-0.65 s from the same modules precompiled). Only Pyodide's own Python can
// write .pyc files its interpreter accepts (the magic number is per Python version), so
// the build runs it here, once per Pyodide version, and writes into OUT_DIR:
//
//   stdlib-pyc.zip  every module as a sourceless .pyc, at the path the .py had
//   meta.json       { zip_name, boot: modules a bare loadPyodide() has imported,
//                     imports: { module: [modules it imports as it is imported] } }

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, outDir] = process.argv.slice(2);
if (!pyodideDir || !outDir) {
  console.error("usage: node compile_stdlib.mjs PYODIDE_DIR OUT_DIR");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
const boot = pyodide.runPython("import sys\nsorted(sys.modules)").toJs();
pyodide.FS.writeFile("/tmp/stdlib.zip", fs.readFileSync(path.join(pyodideDir, "python_stdlib.zip")));
pyodide.globals.set("boot", pyodide.toPy(boot));
const meta = pyodide.runPython(`
import ast, compileall, json, py_compile, sys, zipfile

ZIP_NAME = f"python{sys.version_info.major}{sys.version_info.minor}.zip"
source = zipfile.ZipFile("/tmp/stdlib.zip")
source.extractall("/tmp/stdlib")
compileall.compile_dir("/tmp/stdlib", quiet=2, legacy=True, ddir=f"/lib/{ZIP_NAME}",
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)

def module_name(file_name):
    name = file_name[:-3].replace("/", ".")
    return name[:-len(".__init__")] if name.endswith(".__init__") else name

def import_time_nodes(tree):
    """The module's statements that run when it is imported: not the bodies of functions,
    whose imports happen later, if ever (the engine's safety net covers those)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                todo.append(child)

def imported(name, is_package, text):
    """Modules this source imports as it is imported, relative imports resolved."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in import_time_nodes(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(p for p in [*parts, base] if p)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return sorted(found - {""})

imports = {}
with zipfile.ZipFile("/tmp/stdlib-pyc.zip", "w", zipfile.ZIP_DEFLATED) as out:
    for info in source.infolist():
        if not info.filename.endswith(".py"):
            continue
        name = module_name(info.filename)
        try:
            imports[name] = imported(name, info.filename.endswith("__init__.py"),
                                     source.read(info).decode("utf-8"))
        except SyntaxError:
            continue  # a module this Python cannot compile (test data): left out
        compiled = info.filename[:-3] + ".pyc"
        out.write(f"/tmp/stdlib/{compiled}", compiled)
json.dumps({"zip_name": ZIP_NAME, "boot": sorted(boot), "imports": imports})
`);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "stdlib-pyc.zip"), pyodide.FS.readFile("/tmp/stdlib-pyc.zip"));
fs.writeFileSync(path.join(outDir, "meta.json"), meta);
