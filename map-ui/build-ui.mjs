// Builds the map page for serving (issue 20, "phone first"): esbuild bundles the page's ES modules (entry js/app.js,
// the staff views split off behind their dynamic import; the early start js/firstview.js on its own, sharing no chunk
// with the app, so it runs as soon as its one file is there) and its own style sheets into content-hashed files under
// hub-ui/dist/, then writes the served index.html and sw.js naming them, and the manifest META-INF/hub-ui-bundle.json
// (read by the tests). Run by Maven (exec-maven-plugin, phase process-classes) after the resources were copied:
//   node build-ui.mjs [SOURCE_ROOT] [OUTPUT_CLASSES]
// SOURCE_ROOT defaults to src/main/resources/META-INF/resources/hub-ui, OUTPUT_CLASSES to target/classes. The sources
// stay as they are (and are still served under js/ and css/: the page works unbundled while developing); only the
// copies in OUTPUT_CLASSES are replaced. Installs the pinned esbuild (package-lock.json) with `npm ci` when missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE = resolve(process.argv[2] || join(HERE, 'src/main/resources/META-INF/resources/hub-ui'));
const CLASSES = resolve(process.argv[3] || join(HERE, 'target/classes'));
const SERVED = join(CLASSES, 'META-INF/resources/hub-ui');
const DIST = join(SERVED, 'dist');

function fail(message) {
  console.error('build-ui: ' + message);
  process.exit(1);
}

/** esbuild's own floor (its package.json `engines`): an older Node.js fails later with an unclear error. */
const NODE_MAJOR_MIN = 18;
if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR_MIN) {
  fail('Node.js ' + process.versions.node + ' is too old: the bundler (esbuild) needs Node.js ' + NODE_MAJOR_MIN
      + ' or newer (Debian 12 and Ubuntu 24.04 have it; elsewhere install it from nodejs.org or NodeSource)');
}

/** The esbuild package pinned by package-lock.json, installed with `npm ci` when missing or of another version. */
async function esbuild() {
  const lock = JSON.parse(readFileSync(join(HERE, 'package-lock.json'), 'utf8'));
  const wanted = lock.packages['node_modules/esbuild'].version;
  const installed = join(HERE, 'node_modules/esbuild/package.json');
  if (!existsSync(installed) || JSON.parse(readFileSync(installed, 'utf8')).version !== wanted) {
    console.log('build-ui: npm ci (esbuild ' + wanted + ') ...');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
    if (npm.status !== 0) {
      fail('npm ci failed (is Node.js with npm installed? ./hub and build/hub-services.sh install them)');
    }
  }
  const mod = await import(pathToFileURL(join(HERE, 'node_modules/esbuild/lib/main.js')).href);
  return mod.default || mod;
}

/** Replaces exactly one occurrence of `from` (a string or regex), failing the build when it is not there. */
function replaceOnce(text, from, to, what) {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) || []).length;
  if (count !== 1) {
    fail(what + ': expected one match of ' + from + ', found ' + count);
  }
  return text.replace(from, to);
}

/** The same-origin style sheets index.html links (css/…), in order. */
function pageStyleSheets(html) {
  return [...html.matchAll(/^( *)<link rel="stylesheet" href="(css\/[\w.-]+\.css)">\n/gm)];
}

async function main() {
  const build = await esbuild();
  const html = readFileSync(join(SOURCE, 'index.html'), 'utf8');
  const entry = /<script type="module" src="(js\/[\w.-]+\.js)"><\/script>/.exec(html);
  if (!entry) {
    fail('index.html has no <script type="module" src="js/…">');
  }
  const early = /<script type="module" src="(js\/[\w.-]+\.js)" async fetchpriority="high"><\/script>/.exec(html);
  if (!early) {
    fail('index.html has no early start <script type="module" src="js/…" async fetchpriority="high">');
  }
  const sheets = pageStyleSheets(html);
  if (sheets.length === 0) {
    fail('index.html links no css/ style sheet');
  }
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });

  const js = await build.build({
    entryPoints: [join(SOURCE, entry[1])],
    bundle: true, splitting: true, format: 'esm', target: ['es2020'], minify: true, legalComments: 'none',
    entryNames: '[name]-[hash]', chunkNames: '[name]-[hash]', outdir: DIST, metafile: true, logLevel: 'warning',
  });
  const first = await build.build({
    entryPoints: [join(SOURCE, early[1])],
    bundle: true, format: 'esm', target: ['es2020'], minify: true, legalComments: 'none',
    entryNames: '[name]-[hash]', outdir: DIST, metafile: true, logLevel: 'warning',
  });
  const css = await build.build({
    stdin: {
      contents: sheets.map((m) => '@import "./' + m[2] + '";').join('\n'), resolveDir: SOURCE, loader: 'css',
      sourcefile: 'page.css',
    },
    bundle: true, minify: true, outfile: join(DIST, 'page.css'), metafile: true, logLevel: 'warning', write: false,
  });
  const cssText = css.outputFiles[0].contents;
  const cssName = 'page-' + createHash('sha256').update(cssText).digest('hex').slice(0, 8).toUpperCase() + '.css';
  writeFileSync(join(DIST, cssName), cssText);

  const outputs = js.metafile.outputs;
  const rel = (abs) => 'dist/' + abs.slice(abs.lastIndexOf('/') + 1);
  const [mainOut] = Object.entries(outputs).find(([, o]) => o.entryPoint && o.entryPoint.endsWith(entry[1]));
  // what the entry needs before it runs: its static imports, transitively (fetched at once with modulepreload)
  const preload = [];
  const walk = (out) => {
    for (const imp of outputs[out].imports) {
      if (imp.kind === 'import-statement' && !preload.includes(imp.path)) {
        preload.push(imp.path);
        walk(imp.path);
      }
    }
  };
  walk(mainOut);
  const files = Object.keys(outputs).filter((f) => f.endsWith('.js')).map((f) => rel(join(HERE, f)));
  const lazy = files.filter((f) => f !== rel(join(HERE, mainOut)) && !preload.map((p) => rel(join(HERE, p))).includes(f));
  const earlyOut = Object.keys(first.metafile.outputs).filter((f) => f.endsWith('.js'));
  if (earlyOut.length !== 1) {
    fail('the early start ' + early[1] + ' built into ' + earlyOut.length + ' files, not one');
  }
  const bundle = {
    entry: rel(join(HERE, mainOut)),
    early: rel(join(HERE, earlyOut[0])),
    css: 'dist/' + cssName,
    preload: preload.map((p) => rel(join(HERE, p))),
    lazy,
    files: [...files, rel(join(HERE, earlyOut[0])), 'dist/' + cssName].sort(),
  };
  bundle.version = createHash('sha256').update(bundle.files.join('\n')).digest('hex').slice(0, 12);

  // index.html: one style sheet and the bundle (its chunks preloaded) instead of the source modules
  let page = html;
  sheets.forEach((m, i) => {
    page = replaceOnce(page, m[0], i === 0 ? m[1] + '<link rel="stylesheet" href="' + bundle.css + '">\n' : '', 'index.html');
  });
  page = replaceOnce(page, entry[0], bundle.preload.map((p) => '<link rel="modulepreload" href="' + p + '">\n  ').join('')
    + '<script type="module" src="' + bundle.entry + '"></script>', 'index.html');
  page = replaceOnce(page, early[0], early[0].replace(early[1], bundle.early), 'index.html');
  if (/modulepreload" href="js\//.test(page)) {
    fail('index.html preloads source modules (js/…): the bundle replaces them');
  }
  writeFileSync(join(SERVED, 'index.html'), page);

  // sw.js: its own cache per build, all the bundle's files cached on install (the staff views too: the console opens offline)
  let worker = readFileSync(join(SOURCE, 'sw.js'), 'utf8');
  worker = replaceOnce(worker, "const CACHE = 'hub-shell-v1';", "const CACHE = 'hub-shell-" + bundle.version + "';", 'sw.js');
  worker = replaceOnce(worker, "  '/css/hub.css',\n  '/js/app.js',\n",
    [bundle.css, bundle.early, bundle.entry, ...bundle.preload, ...bundle.lazy].map((f) => "  '/" + f + "',\n").join(''), 'sw.js');
  writeFileSync(join(SERVED, 'sw.js'), worker);

  mkdirSync(join(CLASSES, 'META-INF'), { recursive: true });
  writeFileSync(join(CLASSES, 'META-INF/hub-ui-bundle.json'), JSON.stringify(bundle, null, 2) + '\n');
  console.log('build-ui: ' + bundle.files.length + ' files in hub-ui/dist (early ' + bundle.early + ', entry ' + bundle.entry + ', '
    + bundle.preload.length + ' preloaded, ' + bundle.lazy.length + ' lazy)');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
