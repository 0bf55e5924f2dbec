package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through the jar in paper mode
 * with an API key. The steps run in order on one page, as an operator would go through them; each failing step
 * leaves a screenshot in {@code target/dashboard-it/}. With {@code -Ddashboard.screenshot=docs/dashboard.png} the
 * dashboard with a filled trade is saved there (README.md, "Dashboard").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

  private static final String API_KEY = "browser-test-key-0123456789";
  private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "dashboard-it");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path workingDirectory;
  private static ServiceProcess service;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String baseUrl;
  private static String requestId;

  @BeforeAll
  static void startServiceAndBrowser() {
    int port = Http.freePort();
    service = ServiceProcess.start(workingDirectory, Map.of("HTTP_PORT", String.valueOf(port), "API_KEY", API_KEY,
      "HTTP_HOST", "127.0.0.1", "DATA_DIR", workingDirectory.resolve("data").toString()));
    assertThat(service.awaitReady()).isEqualTo(port);
    baseUrl = "http://127.0.0.1:" + port;
    assertThat(CHROMIUM).as("Debian's chromium package (.ci/run installs it)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (.ci/run installs it)").isExecutable();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
      .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
      .usingAnyFreePort().build(), options);
    // The page replaces a row or panel when it changes; an element found a moment before may be gone: look again.
    wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  /** Runs one step; when it fails, the page as it was is saved as {@code target/dashboard-it/<name>.png}. */
  private static void step(String name, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | AssertionError failure) {
      save(SCREENSHOTS.resolve(name + ".png"));
      String source = browser.getPageSource();
      System.err.println("Step " + name + " failed on " + browser.getCurrentUrl() + "; the page begins: "
        + source.substring(0, Math.min(source.length(), 2000)));
      browser.manage().logs().get(LogType.BROWSER).forEach(entry -> System.err.println("browser console: " + entry));
      throw failure;
    }
  }

  private static void save(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Clicks it where an operator would see it: scrolled to the middle, clear of the sticky header. */
  private static void click(By by) {
    WebElement element = visible(by);
    ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  /** The element's text, read again if the page replaced the element meanwhile. */
  private static String text(By by) {
    return wait.until(driver -> driver.findElement(by).getText());
  }

  private static void confirmClick(By by) {
    click(by);
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  private static JsonObject api(String path) {
    Http.Reply reply = Http.get(baseUrl + path, Map.of("X-API-Key", API_KEY));
    assertThat(reply.status()).as("GET %s -> %s", path, reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  @Order(1)
  void logsInWithTheKeyAndSeesThePaperAccounts() {
    step("1-login", () -> {
      browser.get(baseUrl + "/");
      visible(By.id("api-key")).sendKeys(API_KEY);
      browser.findElement(By.cssSelector("#login-form button")).click();

      visible(By.id("account-1001"));
      visible(By.id("account-1002"));
      wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live: live"));
      assertThat(text(By.cssSelector("#account-1001 .equity"))).contains("10,000");
      assertThat(browser.getPageSource()).doesNotContain(API_KEY);
    });
  }

  @Test
  @Order(2)
  void aTradeSentThroughTheApiAppearsLiveAndFills() {
    step("2-trade", () -> {
      Http.Reply accepted = Http.postJson(baseUrl + "/api/trade", new JsonObject().put("account_index", 1001)
        .put("symbol", "ETH").put("trade_type", "long").put("reference_position_ratio", 0.3),
        Map.of("X-API-Key", API_KEY));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      requestId = accepted.json().getString("request_id");

      wait.until(ExpectedConditions.attributeToBe(By.id("request-" + requestId), "data-state", "filled"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#account-1001 tr[data-market='0']")));
      String screenshot = System.getProperty("dashboard.screenshot", "");
      if (!screenshot.isBlank()) {
        save(Path.of(screenshot));
      }
    });
  }

  @Test
  @Order(3)
  void opensTheLifecycleOfTheTrade() {
    step("3-lifecycle", () -> {
      click(By.id("request-" + requestId));

      wait.until(ExpectedConditions.textToBe(By.id("lifecycle-id"), requestId));
      assertThat(text(By.id("lifecycle-state"))).isEqualTo("filled");
      String lifecycle = text(By.id("lifecycle-body"));
      assertThat(lifecycle).contains("entry").contains("stop_loss_place").contains("kill_switch");
      String txHash = api("/api/trade/" + requestId).getJsonArray("orders").getJsonObject(0).getString("tx_hash");
      assertThat(lifecycle).contains(txHash);
    });
  }

  @Test
  @Order(4)
  void tripsAndClearsTheKillSwitchFromThePage() {
    step("4-kill-switch", () -> {
      confirmClick(By.id("kill-halt"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kill-state"), "kill switch: halt"));
      assertThat(api("/api/rails").getJsonObject("kill_switch").getString("mode")).isEqualTo("halt");

      confirmClick(By.id("kill-resume"));
      wait.until(ExpectedConditions.textToBe(By.id("kill-state"), "kill switch: off"));
      assertThat(api("/api/rails").getJsonObject("kill_switch").getString("mode")).isEqualTo("off");
    });
  }

  @Test
  @Order(5)
  void fitsAPhoneScreenWithoutScrollingSideways() {
    step("5-phone", () -> {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      browser.navigate().refresh();
      visible(By.id("account-1001"));

      Object overflow = ((ChromeDriver) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
      assertThat(visible(By.id("kill-halt")).getSize().getWidth()).isPositive();
    });
  }

  @Test
  @Order(6)
  void showsWhichNodeOwnsEachAccountAndTheNodes() {
    step("6-owners", () -> {
      browser.navigate().refresh();
      JsonObject nodes = api("/api/nodes");
      JsonObject lease = nodes.getJsonArray("leases").stream().map(JsonObject.class::cast)
        .filter(row -> row.getLong("account_index") == 1001).findFirst().orElse(null);
      String owner = lease == null ? "no lease" : lease.getString("owner") + " (epoch " + lease.getLong("epoch") + ")";

      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-1001"), owner));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nodes"),
        nodes.getString("node_id") + " (this node)"));
      assertThat(text(By.id("nodes"))).contains("cluster manager: none").contains("1001, 1002");
    });
  }

  @Test
  @Order(7)
  void theDocsRenderTheApi() {
    step("7-docs", () -> {
      browser.get(baseUrl + "/docs");

      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"),
        "Lighter copy trader"));
      assertThat(text(By.cssSelector(".swagger-ui"))).contains("/api/trade").contains("/api/kill");
    });
  }
}
