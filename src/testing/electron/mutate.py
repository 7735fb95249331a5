"""
Mutation check for main's hardening: removes one protection at a time, rebuilds, runs the built-main and
security tests, records which tests failed, and restores the file (git checkout). Every mutation must make
at least one test fail. Usage (from anywhere; takes ~30 s per mutation):
    python3 src/testing/electron/mutate.py [mutation-name ...]
Reports go to /tmp/mut/.
"""
import json, subprocess, sys, os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
os.makedirs('/tmp/mut', exist_ok=True)
M = [
 ('dev-hook-always', 'src/main/index.ts', "  if (import.meta.env.DEV) {", "  if (true) {"),
 ('dev-hook-packaged-too', 'src/main/index.ts', "if (!app.isPackaged && url && origin)", "if (url && origin)"),
 ('dev-hook-any-origin', 'src/main/index.ts', "  if (import.meta.env.DEV) {\n    const url = process.env['ELECTRON_RENDERER_URL'];\n    const origin = loopbackHttpOrigin(url);", "  if (true) {\n    const url = process.env['ELECTRON_RENDERER_URL'];\n    const origin = url ? new URL(url).origin : null;"),
 ('dev-hook-not-loopback', 'src/main/index.ts', "const origin = loopbackHttpOrigin(url);", "const origin = url ? new URL(url).origin : null;"),
 ('debug-switches-allowed', 'src/main/index.ts', "const debugSwitches = app.isPackaged ?", "const debugSwitches = false ?"),
 ('view-menu-role', 'src/main/window.ts', "{ label: 'View', submenu: view }", "{ role: 'viewMenu' }"),
 ('devtools-when-packaged', 'src/main/index.ts', "devTools: !app.isPackaged,", "devTools: true,"),
 ('sandbox-off', 'src/main/window.ts', "sandbox: true,", "sandbox: false,"),
 ('context-isolation-off', 'src/main/window.ts', "contextIsolation: true,", "contextIsolation: false,"),
 ('node-integration-on', 'src/main/window.ts', "      nodeIntegration: false,", "      nodeIntegration: true,"),
 ('webview-tag-on', 'src/main/window.ts', "webviewTag: false,", "webviewTag: true,"),
 ('permission-request-granted', 'src/main/window.ts', "callback(false)", "callback(true)"),
 ('permission-check-true', 'src/main/window.ts', "ses.setPermissionCheckHandler(() => false);", "ses.setPermissionCheckHandler(() => true);"),
 ('downloads-allowed', 'src/main/window.ts', "  ses.on('will-download', (event) => event.preventDefault());\n", ""),
 ('window-open-allowed', 'src/main/window.ts', "contents.setWindowOpenHandler(() => ({ action: 'deny' }));", "contents.setWindowOpenHandler(() => ({ action: 'allow' }));"),
 ('will-navigate-unguarded', 'src/main/window.ts', "  contents.on('will-navigate', (event, url) => {\n    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();\n  });\n", ""),
 ('will-redirect-unguarded', 'src/main/window.ts', "  contents.on('will-redirect', (event, url) => {\n    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();\n  });\n", ""),
 ('will-attach-webview-unguarded', 'src/main/window.ts', "  contents.on('will-attach-webview', (event) => event.preventDefault());\n", ""),
 ('web-contents-created-unhardened', 'src/main/index.ts', "app.on('web-contents-created', (_event, contents) => hardenContents(contents, appOrigin));", ""),
 ('navigation-same-origin-allowed', 'src/main/security.ts', "  if (loopbackHttpOrigin(appOrigin) !== appOrigin) return false;\n", ""),
 ('csp-header-dropped-webrequest', 'src/main/window.ts', "callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });", "callback({ responseHeaders: { ...details.responseHeaders } });"),
 ('csp-header-dropped-app-protocol', 'src/main/security.ts', "    'Content-Security-Policy': CONTENT_SECURITY_POLICY,\n", ""),
 ('csp-constant-weakened', 'src/main/security.ts', "  \"script-src 'self'\",", "  \"script-src 'self' 'unsafe-eval'\","),
 ('csp-meta-weakened', 'src/renderer/index.html', "script-src 'self';", "script-src 'self' 'unsafe-inline';"),
 ('ipc-listener-outside-gate', 'src/main/index.ts', "    registerIpc(ipcMain, services.router);", "    registerIpc(ipcMain, services.router);\n    ipcMain.on('electron-store-get-data', (event) => void (event.returnValue = {}));"),
 ('ipc-bypasses-sender-check', 'src/main/ipc/register.ts', "        url: frame?.url ?? '',\n        isTopFrame: frame !== null && frame.parent === null,", "        url: 'app://signet/index.html',\n        isTopFrame: true,"),
 ('sender-trusts-file-urls', 'src/main/security.ts', "  if (url.protocol !== `${APP_SCHEME}:` && url.protocol !== 'http:') return false;\n  return allowedOrigins.includes(originOf(url));", "  if (url.protocol === 'file:') return true;\n  return allowedOrigins.includes(originOf(url));"),
 ('sender-host-ignored', 'src/main/security.ts', "  return allowedOrigins.includes(originOf(url));\n}", "  return allowedOrigins.some((o) => o.startsWith(url.protocol));\n}"),
 ('no-single-instance-lock', 'src/main/index.ts', "} else if (!app.requestSingleInstanceLock()) {", "} else if (false) {"),
 ('app-protocol-symlink-out', 'src/main/security.ts', "  if (!within(realRoot, real)) return { status: 403 }; // a symlink out of the renderer folder\n", ""),
 ('app-protocol-no-path-checks', 'src/main/security.ts', "  if (/%2e|%2f|%5c|%00|\\\\|\\/\\.\\.?(\\/|$|\\?|#)/i.test(requestUrl)) return { status: 403 };", ""),
 ('app-protocol-other-host', 'src/main/security.ts', "url.host !== APP_HOST || ", ""),
 ('scheme-not-privileged', 'src/main/window.ts', "privileges: { standard: true, secure: true,", "privileges: { standard: true, secure: false,"),
 ('shell-no-dialog', 'src/main/security.ts', "return { action: vendor ? 'open' : 'ask', href: url.href, host };", "return { action: 'open', href: url.href, host };"),
 ('shell-raw-string', 'src/main/electron-adapters.ts', "await shell.openExternal(decision.href);", "await shell.openExternal(raw);"),
 ('no-dispose-on-quit', 'src/main/index.ts', "    event.preventDefault();\n    void services", "    void services"),
 ('electron-store-back', 'src/main/electron-adapters.ts', "import { DROPPABLE_EXTENSIONS }", "import 'electron-store';\nimport { DROPPABLE_EXTENSIONS }"),
 ('fuse-file-privileges-on', 'electron-builder.yml', "grantFileProtocolExtraPrivileges: false", "grantFileProtocolExtraPrivileges: true"),
]
only = sys.argv[1:]
results = {}
for name, path, old, new in M:
    if only and name not in only: continue
    src = open(path).read()
    if src.count(old) < 1:
        results[name] = 'PATTERN NOT FOUND'; print(name, 'PATTERN NOT FOUND', flush=True); continue
    if name == 'app-protocol-no-path-checks':
        s2 = src.replace(old, new)
        s2 = s2.replace("    if (segment === '.' || segment === '..' || /[/\\\\\\0:]/.test(segment)) return { status: 403 };\n", "")
        s2 = s2.replace("  if (!within(base, candidate) || candidate === base) return { status: 403 };\n", "")
        s2 = s2.replace("  if (!within(realRoot, real)) return { status: 403 }; // a symlink out of the renderer folder\n", "")
        open(path,'w').write(s2)
    else:
        open(path,'w').write(src.replace(old, new, 1))
    try:
        b = subprocess.run(['node','scripts/build.mjs'], capture_output=True, text=True)
        out = f'/tmp/mut/{name}.json'
        subprocess.run(['npx','vitest','run','src/main/built-main.test.ts','src/main/security.test.ts','--reporter=json',f'--outputFile={out}'], capture_output=True, text=True)
        failed = []
        try:
            j = json.load(open(out))
            for f in j['testResults']:
                for a in f['assertionResults']:
                    if a['status'] != 'passed': failed.append(a['fullName'])
                if f.get('status') == 'failed' and not f['assertionResults']: failed.append('FILE FAILED: ' + f.get('message','')[:200])
        except Exception as e:
            failed.append(f'no json: {e}')
        extra = ''
        if name.startswith('csp'):
            sc = subprocess.run(['node','scripts/security-scan.mjs'], capture_output=True, text=True)
            extra = f' | security:scan exit {sc.returncode}'
        if b.returncode != 0: extra += f' | build exit {b.returncode}'
        results[name] = failed
        print(f'{name}: {len(failed)} failed{extra}', flush=True)
        for t in failed: print('   -', t, flush=True)
    finally:
        subprocess.run(['git','checkout','--',path])
json.dump(results, open('/tmp/mut/results.json','w'), indent=1)
survivors = [k for k, v in results.items() if not v or v == 'PATTERN NOT FOUND']
print('SURVIVED (no test failed):', survivors or 'none')
subprocess.run(['node','scripts/build.mjs'], capture_output=True)
print('DONE')
