package io.github.aeponboarding.emulator;

import java.util.Random;

/**
 * Decides the fault of each request with one draw of a seeded {@link Random}, taken under a lock in
 * arrival order: the same seed and the same request sequence give the same fault sequence.
 */
final class FaultInjector {
    enum Fault { NONE, CONNECTION_RESET, LOST_RESPONSE, SERVER_ERROR, TOO_MANY_REQUESTS }

    private Random random;
    private EmulatorOptions options;

    FaultInjector(EmulatorOptions options) {
        configure(options);
    }

    /** New rates and a fresh generator from the seed, so a test can restart the sequence. */
    synchronized void configure(EmulatorOptions newOptions) {
        options = newOptions;
        random = new Random(newOptions.seed());
    }

    synchronized Fault next() {
        // always one draw per request, even with all rates at 0, so the sequence only depends on the order
        double draw = random.nextDouble();
        double limit = options.connectionResetRate();
        if (draw < limit) return Fault.CONNECTION_RESET;
        limit += options.lostResponseRate();
        if (draw < limit) return Fault.LOST_RESPONSE;
        limit += options.serverErrorRate();
        if (draw < limit) return Fault.SERVER_ERROR;
        limit += options.tooManyRequestsRate();
        if (draw < limit) return Fault.TOO_MANY_REQUESTS;
        return Fault.NONE;
    }
}
