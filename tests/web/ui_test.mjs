// Browser test of the web workspace (issue 10): playwright-core drives Debian's Chromium,
// headless, against a real `bates serve` on the built-in fictional example. Signs in, searches,
// opens a document, codes it from the keyboard, runs a TAR batch, builds a production (admin);
// checks a requester cannot code and a wrong password is refused; then, on a demand's requester
// case (`bates serve --demand`), sees the status board: every recipient and the chart. Saves a screenshot of each screen in $BATES_TEST_TMP/web-screenshots.
//
//   BATES=build/src/cli/bates node tests/web/ui_test.mjs
// (npm install in tests/web first; CTest runs it when tests/web/node_modules exists.) Waits use
// locators, never page.waitForFunction: the UI's Content-Security-Policy forbids eval, as it
// should.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.env.BATES_SOURCE_DIR || path.resolve(here, "..", "..");
const bates = process.env.BATES || path.join(source, "build", "src", "cli", "bates");
const tmp = fs.mkdtempSync(path.join(process.env.BATES_TEST_TMP || os.tmpdir(), "web-ui-"));
const shots = path.join(process.env.BATES_TEST_TMP || tmp, "web-screenshots");
fs.mkdirSync(shots, { recursive: true });

function run(args, input) {
  const r = spawnSync(bates, args, { input, encoding: "utf-8" });
  if (![0, 3].includes(r.status)) throw new Error(`bates ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function check(ok, what) {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

// The built-in example, collected as the integration tests do.
const example = path.join(tmp, "example");
const made = spawnSync("python3", [path.join(source, "tools", "example", "make_example.py"),
                                   "--seed", "1", "--out", example], { encoding: "utf-8" });
if (made.status !== 0) throw new Error(made.stderr);
const truth = JSON.parse(fs.readFileSync(path.join(example, "ground-truth.json"), "utf-8"));
const caseDir = path.join(tmp, "case");
run(["init", caseDir, "--time-zone", truth.time_zone]);
const rows = fs.readFileSync(path.join(example, "custodians.tsv"), "utf-8").trim().split("\n").slice(1);
for (const row of rows) {
  const [folder, custodian] = row.split("\t");
  run(["add", caseDir, "--custodian", custodian, path.join(example, "collection", folder), "--no-progress"]);
}
run(["analyze", caseDir]);
run(["user", "add", caseDir, "alice", "--role", "admin"], "alice-pass\n");
run(["user", "add", caseDir, "rita", "--role", "reviewer"], "rita-pass\n");
run(["user", "add", caseDir, "quinn", "--role", "requester"], "quinn-pass\n");

// A `bates serve` on a free port: its process and base URL.
async function serve(args) {
  const proc = spawn(bates, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/:(\d+)\//);
      if (m) resolve(Number(m[1]));
    });
    proc.on("exit", (code) => reject(new Error(`bates serve exited ${code}`)));
  });
  return { proc, base: `http://127.0.0.1:${port}` };
}

const { proc: server, base } = await serve([caseDir]);
let demandServer = null;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const external = [];
  const ours = [base];  // the servers this test started
  page.on("request", (r) => { if (!ours.some((b) => r.url().startsWith(b))) external.push(r.url()); });
  // Script errors (401 and 404 answers the UI expects, e.g. the session check, are not).
  const scriptErrors = [];
  page.on("pageerror", (e) => scriptErrors.push(e.message));

  await page.goto(base + "/");
  await page.waitForSelector("#login-view:not([hidden])");
  await page.screenshot({ path: path.join(shots, "01-login.png") });

  await page.fill("#login-name", "rita");
  await page.fill("#login-password", "wrong");
  await page.click("#login-form button");
  await page.locator("#login-error", { hasText: /\S/ }).waitFor();
  check(await page.isVisible("#login-view"), "a wrong password keeps the sign-in screen");

  await page.fill("#login-password", "rita-pass");
  await page.click("#login-form button");
  await page.waitForSelector("#search-view:not([hidden])");
  check((await page.textContent("#who")).includes("rita (reviewer)"), "signed in as the reviewer");

  await page.fill("#q", "ICE");
  await page.press("#q", "Enter");
  await page.waitForSelector("#hits li");
  const count = await page.textContent("#count");
  check(/^\d+ documents$/.test(count) && !count.startsWith("0 "), `search found ${count}`);
  check(await page.locator(".facet").count() === 3, "custodian, type and month facets shown");
  await page.waitForSelector("#doc:not([hidden]) mark");
  check(await page.locator("#doc-text mark").count() > 0, "the document's hits are highlighted");
  await page.screenshot({ path: path.join(shots, "02-search-and-document.png") });

  // Keyboard coding: j moves to the next hit, r codes it responsive.
  await page.click("#doc-title");
  await page.keyboard.press("j");
  await page.locator("#hits li:nth-child(2).current").waitFor();
  const second = (await page.textContent("#hits li.current .title")).split(" ")[0];
  await page.locator("#doc-title", { hasText: second }).waitFor();
  await page.keyboard.press("r");
  await page.locator("#coding-result", { hasText: "responsive=yes" }).waitFor();
  const coding = JSON.parse(run(["coding", caseDir, second, "--json"]));
  check(coding.items[0].fields.responsive.value === "yes" &&
        coding.items[0].fields.responsive.reviewer === "rita",
        `${second} coded responsive by rita from the keyboard`);
  // Redaction by selecting text: a double click selects the highlighted word.
  page.once("dialog", (d) => d.accept("Personal data (test)"));
  await page.dblclick("#doc-text mark");
  await page.click("#redact-selection");
  await page.locator("#coding-result", { hasText: "redacted [" }).waitFor();
  const redactions = JSON.parse(run(["redactions", caseDir, second, "--json"])).redactions;
  check(redactions.length === 1 && redactions[0].reviewer === "rita" &&
        redactions[0].end - redactions[0].start === 3,
        `the selected word of ${second} redacted by rita (${JSON.stringify(redactions[0])})`);
  await page.screenshot({ path: path.join(shots, "03-coded.png") });

  // The TAR queue: start from a seed, take a batch, code one, see the curve move.
  await page.click('#tabs button[data-tab="tar-view"]');
  await page.waitForSelector("#tar-start-form:not([hidden])");
  await page.fill("#tar-seed", "communication with immigration enforcement and detainer requests");
  await page.click("#tar-start-form button");
  await page.waitForSelector("#tar-next:not([hidden])");
  await page.click("#tar-next");
  await page.waitForSelector("#tar-batch li");
  const batchSize = await page.locator("#tar-batch li").count();
  await page.click("#tar-batch li:first-child button");  // Responsive
  await page.locator("#tar-status", { hasText: "1 reviewed" }).waitFor();
  check(batchSize > 0, `a TAR batch of ${batchSize} proposed and one coded from it`);
  check(await page.isHidden('#tabs button[data-tab="production-view"]'),
        "a reviewer has no production tab");
  await page.screenshot({ path: path.join(shots, "04-tar.png") });

  // An admin builds a production and sees its QC and certificate.
  await page.click("#logout");
  await page.waitForSelector("#login-view:not([hidden])");
  await page.fill("#login-name", "alice");
  await page.fill("#login-password", "alice-pass");
  await page.click("#login-form button");
  await page.waitForSelector("#search-view:not([hidden])");
  await page.click('#tabs button[data-tab="production-view"]');
  await page.fill("#prod-select", "subject:winter");
  await page.fill("#prod-volume", "WEB001");
  await page.click("#production-form button");
  await page.waitForSelector("#production-result:not([hidden])", { timeout: 120000 });
  const summary = await page.textContent("#production-summary");
  check(summary.includes("QC passed") && summary.includes("accounted for: yes"),
        `production built: ${summary}`);
  const certificate = await page.request.get(base + "/api/productions/WEB001/certificate");
  check(certificate.ok() && (await certificate.text()).includes("WEB001"),
        "its certificate is served to the admin");
  await page.screenshot({ path: path.join(shots, "05-production.png") });

  await page.click("#logout");
  await page.waitForSelector("#login-view:not([hidden])");
  await page.fill("#login-name", "quinn");
  await page.fill("#login-password", "quinn-pass");
  await page.click("#login-form button");
  // A requester lands on the status board; this server has no demand spec, and says so.
  await page.waitForSelector("#board-view:not([hidden])");
  await page.locator("#board-error", { hasText: "--demand" }).waitFor();
  check(await page.isHidden('#tabs button[data-tab="tar-view"]'), "a requester has no TAR tab");
  check(await page.isHidden('#tabs button[data-tab="search-view"]') &&
        await page.isHidden('#tabs button[data-tab="production-view"]'),
        "a requester sees only the status board and the intake records");
  await page.click('#tabs button[data-tab="intake-view"]');
  await page.waitForSelector("#intake-view:not([hidden])");
  await page.locator("#intake-note", { hasText: "No production" }).waitFor();
  check(await page.isHidden("#coding"), "a requester gets no coding panel");
  await page.screenshot({ path: path.join(shots, "06-requester.png") });

  // See the status board: the model case's demand (23 recipients; SIMULATED responses, the
  // production is the fictional example's), served on 24 January 2018 and tracked on the
  // requester's own case, as scripts/demo.sh does.
  const demandDir = path.join(tmp, "demand");
  fs.mkdirSync(demandDir);
  const spec = path.join(demandDir, "demand.yaml");
  fs.copyFileSync(path.join(source, "examples", "doj-2018", "demand.yaml"), spec);
  const recipients = JSON.parse(run(["demand", "deadlines", spec, "--served", "2018-01-24", "--json"]))
    .map((r) => r.recipient);
  for (const id of recipients.slice(0, 20)) run(["demand", "serve", spec, id, "--date", "2018-01-24"]);
  run(["demand", "log", spec, recipients[1], "--status", "acknowledged", "--date", "2018-01-29"]);
  run(["demand", "log", spec, recipients[2], "--status", "no_responsive_documents", "--date", "2018-02-12"]);
  run(["intake", spec, path.join(caseDir, "productions", "WEB001"), "--recipient", recipients[0],
       "--received", "2018-02-20", "--no-index", "--no-progress"]);
  const requesterCase = path.join(demandDir, "demand.case");
  run(["user", "add", requesterCase, "quinn", "--role", "requester"], "quinn-pass\n");
  run(["user", "add", requesterCase, "rita", "--role", "reviewer"], "rita-pass\n");
  demandServer = await serve(["--demand", spec]);
  ours.push(demandServer.base);
  await page.goto(demandServer.base + "/");
  await page.waitForSelector("#login-view:not([hidden])");
  await page.fill("#login-name", "rita");
  await page.fill("#login-password", "rita-pass");
  await page.click("#login-form button");
  await page.waitForSelector("#search-view:not([hidden])");
  check(await page.isHidden('#tabs button[data-tab="board-view"]'), "a reviewer has no status board tab");
  await page.click("#logout");
  await page.waitForSelector("#login-view:not([hidden])");
  await page.fill("#login-name", "quinn");
  await page.fill("#login-password", "quinn-pass");
  await page.click("#login-form button");
  await page.waitForSelector("#board-body:not([hidden])");
  await page.fill("#board-as-of", "2018-03-05");
  await page.click("#board-form button");
  await page.locator("#board-summary", { hasText: "as of 2018-03-05" }).waitFor();
  const boardRows = page.locator("#board-table tbody tr");
  check(await boardRows.count() === recipients.length && recipients.length === 23,
        `the board lists every recipient (${await boardRows.count()})`);
  const first = page.locator(`#board-table tr[data-recipient="${recipients[0]}"]`);
  check((await first.textContent()).includes("1: WEB001"), `${recipients[0]}'s production is on its row`);
  const overdue = JSON.parse(run(["demand", "status", spec, "--as-of", "2018-03-05", "--json"]))
    .recipients.filter((r) => r.overdue).length;
  check(overdue > 10 && await page.locator("#board-table tr.overdue").count() === overdue,
        `the ${overdue} overdue recipients are highlighted, as \`bates demand status\` counts them`);
  const answered = page.locator(`#board-table tr[data-recipient="${recipients[2]}"]`);
  check((await answered.textContent()).includes("no responsive documents"),
        `${recipients[2]}'s answer is its status`);
  check(await page.locator(`#board-table tr[data-recipient="${recipients[22]}"] td.days`).textContent() === "—",
        "an unserved recipient has no days left");
  check(await page.locator("#board-chart polygon").count() >= 4 &&
        await page.locator('#board-chart polygon[data-status="overdue"]').count() === 1 &&
        await page.locator("#board-chart circle.production").count() === 1,
        "the chart draws the recipients by status and the production received");
  await page.screenshot({ path: path.join(shots, "07-status-board.png"), fullPage: true });
  await page.click('#tabs button[data-tab="intake-view"]');
  await page.waitForSelector("#intake-table tbody tr");
  const intakeRow = await page.textContent("#intake-table tbody tr");
  check(intakeRow.includes("WEB001") && intakeRow.includes(recipients[0]),
        `the intake records list ${recipients[0]}'s WEB001`);
  await page.screenshot({ path: path.join(shots, "08-intake.png") });

  check(external.length === 0, "the UI loads nothing from other hosts");
  check(scriptErrors.length === 0, `no script errors (${scriptErrors.join("; ")})`);
  console.log(`screenshots in ${shots}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  if (demandServer) demandServer.proc.kill("SIGTERM");
}
process.exit(failed ? 1 : 0);
