// Opens the silo's write-cache view in Debian's headless chromium (driven by playwright-core, which downloads no
// browser), finds one file's row, follows its link to the file page, and saves a screenshot of each page.
// Usage: node view-check.mjs VIEW_URL FILE_PATH SCREENSHOT_DIR
// Prints one JSON line with what the pages showed; exits non-zero when a page or the row is missing.
import { chromium } from 'playwright-core';

const [viewUrl, filePath, screenshotDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.WCACHE_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Root has no user namespace sandbox here; /dev/shm may be small in containers.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(viewUrl, { waitUntil: 'load' });
  const row = page.locator(`tr[data-path="${filePath}"]`);
  await row.waitFor({ timeout: 15000 });
  const seen = {
    status: response.status(),
    title: await page.title(),
    rowState: await row.getAttribute('data-state'),
    rowText: (await row.innerText()).replace(/\s+/g, ' ').trim(),
    counts: (await page.locator('#counts').innerText()).replace(/\s+/g, ' ').trim(),
    silos: await page.locator('#silos tr[data-silo]').count(),
  };
  await page.screenshot({ path: `${screenshotDir}/writecache-view.png`, fullPage: true });

  await row.locator('a').click();
  await page.locator('#file').waitFor({ timeout: 15000 });
  seen.fileUrl = page.url();
  seen.fileState = (await page.locator('tr[data-field="state"] td').innerText()).trim();
  seen.filePlacement = (await page.locator('tr[data-field="placement"] td').innerText()).trim();
  await page.screenshot({ path: `${screenshotDir}/writecache-file.png`, fullPage: true });
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
