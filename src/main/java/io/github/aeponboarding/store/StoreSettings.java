package io.github.aeponboarding.store;

import java.nio.file.Path;

/**
 * Where the store is ({@code onboarding.db-url}, {@code -user}, {@code -password}); an empty URL is
 * the embedded database under {@code dataDir}.
 */
public record StoreSettings(String url, String user, String password, Path dataDir, int poolSize, long connectTimeoutMillis) {
    @Override
    public String toString() {   // never the password
        return "StoreSettings[url=" + (url.isBlank() ? "(embedded under " + dataDir + ")" : Store.redacted(url))
                + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
