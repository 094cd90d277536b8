package io.github.aeponboarding.ops;

import io.github.aeponboarding.testsupport.Ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The `console` command in its own JVM, headless Chromium on it, a Camel target with the bundle's management
 * config (Jolokia behind config/jolokia-access.xml): the routes and their exchange counts must show.
 *
 * <p>The target is a {@link BundleUnderTest}, chosen with {@code -Daep.bundle=demo|demo-process|jar} (see
 * {@link #bundle}). Needs Debian's chromium and chromium-driver (.ci/run installs them); skips without them.
 */
@Tag("browser")
@Timeout(value = 180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HawtioConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration CONSOLE_START = Duration.ofSeconds(60);
    private static final Duration UI_WAIT = Duration.ofSeconds(45);
    /** The example operator in config/mgmt-users.properties. */
    private static final String USER = "aep-operator";
    private static final String PASSWORD = "change-me-operator";

    private BundleUnderTest bundle;
    private Process console;
    private String consoleUrl;
    private final List<String> consoleOutput = java.util.Collections.synchronizedList(new ArrayList<>());
    private WebDriver browser;
    private Path profileDir;

    @BeforeAll
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        browser = chromium();
    }

    /** The bundle (Jolokia with or without login) and a console JVM pointed at it. */
    private void startBundleAndConsole(boolean authenticated) throws Exception {
        consoleOutput.clear();
        bundle = bundle(authenticated);
        console = startConsole(Ports.free(), bundle.jolokiaUrl());
        consoleUrl = awaitReady(console);
    }

    /**
     * Which bundle: {@code -Daep.bundle=jar} (default: the packaged bundle, local profile, both examples dropped in
     * its inbox), {@code demo} ({@link DemoCamelTarget} in this JVM) or {@code demo-process} (the same in a JVM of its own).
     */
    private static BundleUnderTest bundle(boolean authenticated) {
        Map<String, String> login = authenticated ? Map.of("camel.management.authentication-enabled", "true") : Map.of();
        String credentials = authenticated ? USER + ":" + PASSWORD : null;
        String which = System.getProperty("aep.bundle", "jar");
        return switch (which) {
            case "demo" -> DemoCamelTarget.start(login);
            case "demo-process" -> BundleProcess.demo(login, credentials, Duration.ofSeconds(60));
            case "jar" -> BundleProcess.realBundle(authenticated ? Map.of("CAMEL_MANAGEMENT_AUTHENTICATION_ENABLED", "true") : Map.of(),
                    credentials, Duration.ofSeconds(120));
            default -> throw new IllegalArgumentException("aep.bundle=" + which + ": use demo, demo-process or jar");
        };
    }

    @AfterEach
    void stopBundleAndConsole() throws Exception {
        if (console != null) {
            console.destroy();
            if (!console.waitFor(10, TimeUnit.SECONDS)) {
                console.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            console = null;
        }
        if (bundle != null) {
            bundle.close();
            bundle = null;
        }
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profileDir != null) {
            try (var files = Files.walk(profileDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void routes_and_exchange_counts_are_visible() throws Exception {
        // the local profile: Jolokia without login
        startBundleAndConsole(false);
        inBrowser("hawtio-routes.png", true, () -> {
            // the connect page stores the connection in localStorage and opens the Camel routes view on it
            browser.get(consoleUrl);
            assertRoutesShown();
        });
    }

    @Test
    void login_to_the_bundles_jolokia_then_routes_are_visible() throws Exception {
        // prod/kubernetes: basic auth on /observe/jolokia with the users file (the committed example)
        startBundleAndConsole(true);
        inBrowser("hawtio-routes-login.png", false, () -> {
            browser.get(consoleUrl);
            WebDriverWait wait = new WebDriverWait(browser, UI_WAIT);
            // Hawtio gets a 401 through its proxy and asks for the connection's credentials
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-login-form-username"))).sendKeys(USER);
            browser.findElement(By.id("connect-login-form-password")).sendKeys(PASSWORD);
            browser.findElement(By.xpath("//button[normalize-space(.)='Log in']")).click();
            assertRoutesShown();
        });
    }

    private void assertRoutesShown() {
        WebDriverWait wait = new WebDriverWait(browser, UI_WAIT);
        for (String route : bundle.routeIds()) {
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//*[@role='tree']//*[normalize-space(text())='" + route + "']")));
        }
        // the "routes" folder of the tree lists every route with its statistics
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='tree']//*[normalize-space(text())='routes']"))).click();
        List<WebElement> routesTab = browser.findElements(By.xpath("//button[normalize-space(.)='Routes']"));
        if (!routesTab.isEmpty()) {
            routesTab.get(0).click();
        }
        for (String route : bundle.routeIds()) {
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table//tr[td[normalize-space(.)='" + route + "']]")));
            // a non-zero count in the row: Hawtio refreshes statistics, so wait for them to arrive
            wait.until(d -> row.findElements(By.tagName("td")).stream()
                    .map(td -> td.getText().trim())
                    .anyMatch(text -> text.matches("[1-9][0-9]*")));
        }
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains(bundle.contextName());
        bundle.routeIds().forEach(route -> assertThat(page).contains(route));
    }

    interface BrowserSteps {
        void run() throws Exception;
    }

    /** Runs the steps; a screenshot on success, and screenshot + page source + console output on failure. */
    private void inBrowser(String screenshot, boolean alsoDocs, BrowserSteps steps) throws Exception {
        try {
            steps.run();
            screenshot(screenshot, alsoDocs);
        } catch (RuntimeException | AssertionError e) {
            String failed = screenshot.replace(".png", "-failure");
            screenshot(failed + ".png", false);
            Files.writeString(Path.of("target", failed + ".html"), browser.getPageSource());
            throw new AssertionError(e.getMessage() + "\nconsole output:\n" + String.join("\n", consoleOutput), e);
        }
    }

    /** The jar from `mvn package` when it is there (what operators run), else this test's class path. */
    private Process startConsole(int port, String jolokiaUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        Path jar = Path.of("target", "aep-source-onboarding.jar");
        if (Files.isRegularFile(jar) && Files.isRegularFile(Path.of("target", "hawtio", "hawtio-default.war"))) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.github.aeponboarding.Application"));
        }
        command.addAll(List.of("console", "--port", String.valueOf(port), "--jolokia-url", jolokiaUrl));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the console's output until it prints its URL; keeps draining it afterwards so it never blocks. */
    private String awaitReady(Process process) throws Exception {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    consoleOutput.add(line);
                    int at = line.indexOf("Hawtio console ready: ");
                    if (at >= 0) {
                        ready.complete(line.substring(at + "Hawtio console ready: ".length()).split(" ")[0]);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("console exited: " + String.join("\n", consoleOutput)));
        }, "console-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(CONSOLE_START.toSeconds(), TimeUnit.SECONDS);
    }

    private WebDriver chromium() throws IOException {
        profileDir = Files.createTempDirectory("hawtio-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no background traffic: this machine has no internet and Chromium would keep retrying
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private void screenshot(String name, boolean alsoDocs) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        if (alsoDocs) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(shot, Path.of("docs", name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
