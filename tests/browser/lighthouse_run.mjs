// Lighthouse (its Node API) over several addresses in one Chromium, for test_lighthouse.py.
//
//   node lighthouse_run.mjs seo[,best-practices] URL...
//
// CHROME_PATH names the browser and LIGHTHOUSE_CHROME_FLAGS (a JSON list) its flags. Prints one
// JSON list on stdout: per address the category scores, the audits that did not pass, and every
// address the page asked for (from the DevTools log), so the test can check nothing outside
// the site was fetched.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [categoryList, ...urls] = process.argv.slice(2);
const categories = categoryList.split(",");
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: JSON.parse(process.env.LIGHTHOUSE_CHROME_FLAGS || "[]"),
  logLevel: "silent",
});

const SCORED = new Set(["binary", "numeric", "metricSavings"]);

function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => SCORED.has(audit.scoreDisplayMode) && audit.score !== 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      explanation: audit.explanation || audit.errorMessage || "",
      items: (audit.details?.items || []).slice(0, 5),
    }));
}

try {
  const results = [];
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: categories,
      output: "json",
      logLevel: "error",
      disableFullPageScreenshot: true,
    });
    const lhr = result.lhr;
    const requested = new Set();
    for (const event of result.artifacts.DevtoolsLog || []) {
      if (event.method === "Network.requestWillBeSent") {
        requested.add(event.params.request.url);
      }
    }
    results.push({
      url,
      finalUrl: lhr.finalDisplayedUrl,
      runtimeError: lhr.runtimeError || null,
      runWarnings: lhr.runWarnings,
      scores: Object.fromEntries(categories.map((c) => [c, lhr.categories[c].score])),
      failing: Object.fromEntries(categories.map((c) => [c, failingAudits(lhr, c)])),
      requested: [...requested],
    });
  }
  process.stdout.write(JSON.stringify(results));
} finally {
  await chrome.kill();
}
