// Vitest setup: the page under test is driven the way WebDriver drives the real window, so it sees what a
// WebKit web view under automation sees (`navigator.webdriver`), and the test hook installs as it does there.
// testHook.test.ts turns it off again to pin that a person's window has no hook.
Object.defineProperty(window.navigator, "webdriver", { value: true, configurable: true });
