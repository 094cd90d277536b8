package io.github.aeponboarding.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.testsupport.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of a fresh deployment start together on an empty database: each one opens the store and
 * migrates it at the same moment. Every one of them must come up, and the schema must be migrated once.
 */
class StoreMigrationTest {
    private static final int REPLICAS = 4;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void replicas_starting_together_on_an_empty_postgres_database_all_open_the_store() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        for (int round = 1; round <= ROUNDS; round++) {
            String database = "store_migration_" + round;
            String url = pg.newDatabase(database);
            openTogether(new StoreSettings(url, pg.user(), pg.password(), dir, 3, 5000));
            assertThat(pg.psql(database, "select count(*) from " + StoreMigration.HISTORY_TABLE + " where success and version = '1'"))
                    .as("V1 applied once, round " + round).isEqualTo("1");
        }
    }

    @Test
    void processes_starting_together_on_an_empty_embedded_store_all_open_it() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            openTogether(new StoreSettings("", "", "", dir.resolve("round-" + round), 3, 5000));
        }
    }

    @Test
    void the_latest_version_is_the_highest_migration_so_an_up_to_date_store_skips_flyway() throws Exception {
        String highest;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("src/main/resources/db/aep-onboarding"))) {
            highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).max(java.util.Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
        assertThat(StoreMigration.LATEST_VERSION).as("StoreMigration.LATEST_VERSION").isEqualTo(highest);

        StoreSettings settings = new StoreSettings("", "", "", dir.resolve("again"), 3, 5000);
        try (Store created = Store.open(settings)) {
            assertThat(StoreMigration.upToDate(created.dataSource())).isTrue();
        }
        try (Store reopened = Store.open(settings); Connection c = reopened.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from aep_onboarding")) {
            assertThat(rs.next()).isTrue();
        }
    }

    /** Opens the store from {@link #REPLICAS} threads released at once; fails with the first one that could not. */
    private static void openTogether(StoreSettings settings) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> opened = new ArrayList<>();
            for (int r = 0; r < REPLICAS; r++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    try (Store store = Store.open(settings); Connection c = store.dataSource().getConnection();
                         ResultSet rs = c.createStatement().executeQuery("select count(*) from aep_onboarding")) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }));
            }
            go.countDown();
            for (Future<Integer> f : opened) {
                assertThat(f.get()).as("rows in a freshly migrated store").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
