package io.github.aeponboarding.reliability;

import io.github.aeponboarding.testsupport.PostgresServer;
import java.util.Map;

/** {@link AepIsTheFinalTruthTest} with the store on a real PostgreSQL server. */
class AepIsTheFinalTruthOnPostgresTest extends AepIsTheFinalTruthTest {
    @Override
    Map<String, String> store() {
        return PostgresServer.shared().properties("truth");
    }
}
