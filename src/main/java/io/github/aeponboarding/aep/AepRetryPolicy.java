package io.github.aeponboarding.aep;

import io.github.aeponboarding.ExchangeContract;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Decides, for the {@code retryWhile} of the AEP step error handler, whether a failed call is
 * tried again and how long to wait:
 * <ul>
 *   <li>429: after {@code Retry-After} (seconds or HTTP-date), capped;</li>
 *   <li>5xx and I/O errors: exponential back-off with jitter (Camel's redelivery policy);</li>
 *   <li>401: once, with a fresh token;</li>
 *   <li>any other 4xx: never;</li>
 *   <li>no token from IMS: like an I/O error when IMS did not answer or answered 5xx, never when it refused the credential.</li>
 * </ul>
 * A POST whose outcome is unknown (the write may have been committed: I/O error after connecting,
 * a 5xx, a lost response) is flagged so that the retry looks the resource up by its deterministic
 * name before posting again. A Schema Registry "title must be unique" answer is flagged the same way:
 * AEP itself refused a duplicate, so the retry finds and reuses the existing resource.
 */
public class AepRetryPolicy {
    private static final String TOKEN_RENEWED = "aepTokenRenewed";
    private final Map<Throwable, String> failedSteps = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final ImsTokenCache tokens;
    private final int maxAttempts;
    private final Duration retryAfterCap;
    private final Clock clock;
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final java.util.function.BiConsumer<String, String> onRetry;

    /** {@code onRetry} hears of every retry (step, reason): the metrics count them. */
    public AepRetryPolicy(ImsTokenCache tokens, int maxAttempts, Duration retryAfterCap, Clock clock,
                          java.util.function.BiConsumer<String, String> onRetry) {
        this.onRetry = onRetry;
        this.tokens = tokens;
        this.maxAttempts = maxAttempts;
        this.retryAfterCap = retryAfterCap;
        this.clock = clock;
    }

    /** Resets the per-call state; the step template calls it before each AEP call. */
    public void begin(Exchange exchange) {
        exchange.setProperty(ExchangeContract.ATTEMPTS, 0);
        exchange.removeProperty(TOKEN_RENEWED);
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempts = exchange.getProperty(ExchangeContract.ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ExchangeContract.ATTEMPTS, attempts);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        boolean isPost = "POST".equals(exchange.getVariable(ExchangeContract.METHOD, String.class))
                && !exchange.getProperty(ExchangeContract.REPEATABLE, false, Boolean.class);
        String reason = failure == null || attempts >= maxAttempts ? null : reason(exchange, failure, isPost);
        if (reason == null) {
            // giving up: remember which step failed; the failure may cross parallel branches,
            // which do not carry exchange properties back, so it is kept by the exception itself
            if (failure != null) {
                failedSteps.put(AepError.unwrap(failure), exchange.getProperty(ExchangeContract.STEP, "unknown", String.class));
            }
            return false;
        }
        String step = exchange.getProperty(ExchangeContract.STEP, "unknown", String.class);
        retries.computeIfAbsent(step + "|" + reason, k -> new LongAdder()).increment();
        onRetry.accept(step, reason);
        return true;
    }

    /** The step a failure was given up in, if it came from an AEP step. */
    public String failedStep(Throwable failure) {
        return failure == null ? null : failedSteps.get(AepError.unwrap(failure));
    }

    /** Retries made so far, keyed {@code step|reason}; reported by the metrics and the benchmark. */
    public Map<String, Long> retryCounts() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        retries.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long totalRetries() {
        return retries.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private String reason(Exchange exchange, Throwable failure, boolean isPost) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof HttpOperationFailedException) && !(t instanceof IOException)
                && !(t instanceof ImsTokenException)) {
            t = t.getCause();
        }
        if (t instanceof ImsTokenException ims) {
            // no AEP call was made, so nothing to recheck; a refused credential stays refused (and IMS throttles)
            return ims.transientFailure() ? "ims" : null;
        }
        if (t instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            if (status == 429) {
                Duration wait = retryAfter(http.getResponseHeaders().get("Retry-After"));
                exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
                return "429";
            }
            if (status == 401 && !exchange.getProperty(TOKEN_RENEWED, false, Boolean.class)) {
                exchange.setProperty(TOKEN_RENEWED, true);
                tokens.invalidate(exchange.getProperty(ExchangeContract.TOKEN_GENERATION, -1, Integer.class));
                exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
                return "401";
            }
            if (status >= 500) {
                if (isPost) {
                    exchange.setProperty(ExchangeContract.RECHECK, true);
                }
                return "5xx";
            }
            if (status == 400 && isPost && titleNotUnique(http.getResponseBody())) {
                exchange.setProperty(ExchangeContract.RECHECK, true);
                exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
                return "exists";
            }
            return null;
        }
        if (t instanceof IOException) {
            // a refused connection never reached AEP; anything later may have committed the write
            if (isPost && !(t instanceof ConnectException)) {
                exchange.setProperty(ExchangeContract.RECHECK, true);
            }
            return "io";
        }
        return null;
    }

    private static boolean titleNotUnique(String body) {
        return body != null && body.contains("Title must be unique");
    }

    /** {@code Retry-After} in seconds or as an HTTP-date, never longer than the cap; 1 s when absent or unreadable. */
    Duration retryAfter(String header) {
        Duration wait = Duration.ofSeconds(1);
        if (header != null && !header.isBlank()) {
            String v = header.trim();
            try {
                wait = Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    wait = Duration.between(clock.instant(), at.toInstant());
                } catch (java.time.format.DateTimeParseException unreadable) {
                    // keep the default
                }
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(retryAfterCap) > 0 ? retryAfterCap : wait;
    }
}
