package io.tollgate.engine;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each feature package is a module: no cycles, and no reaching into another feature's internals. */
class ModularityTests {

    @Test
    void featuresRespectEachOthersBoundaries() {
        ApplicationModules.of(TollgateApplication.class).verify();
    }
}
