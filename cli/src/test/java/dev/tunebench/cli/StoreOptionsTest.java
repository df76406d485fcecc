package dev.tunebench.cli;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where the store is: flag over environment over the default under the home folder. */
class StoreOptionsTest {

    private static StoreOptions options(Path store, boolean noStore, Map<String, String> env) {
        StoreOptions o = new StoreOptions();
        o.store = store;
        o.noStore = noStore;
        o.env = env;
        return o;
    }

    @Test
    void theFlagWinsThenTheEnvironmentThenTheDefault() {
        assertEquals(Path.of("/a.db"), options(Path.of("/a.db"), false, Map.of("TUNEBENCH_STORE", "/b.db")).location());
        assertEquals(Path.of("/b.db"), options(null, false, Map.of("TUNEBENCH_STORE", "/b.db")).location());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "tunebench", "tunebench.db"),
                options(null, false, Map.of()).location());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "tunebench", "tunebench.db"),
                options(null, false, Map.of("TUNEBENCH_STORE", " ")).location());
    }

    @Test
    void noStoreOrOffMeansNone() {
        assertNull(options(null, true, Map.of("TUNEBENCH_STORE", "/b.db")).location());
        assertNull(options(null, false, Map.of("TUNEBENCH_STORE", "OFF")).location());
        assertEquals(Path.of("/a.db"), options(Path.of("/a.db"), false, Map.of("TUNEBENCH_STORE", "off")).location(),
                "a flag overrides the environment's off");
        InputException e = assertThrows(InputException.class, () -> options(Path.of("/a.db"), true, Map.of()).location());
        assertEquals("--store and --no-store contradict each other; give one.", e.getMessage());
    }
}
