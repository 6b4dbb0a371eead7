package dev.migrate.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.testing.CapturingLog;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingLogTest {

    @Test
    void masksEverySecretAtEveryLevelAndIgnoresMissingOnes() {
        CapturingLog lines = new CapturingLog();
        RedactingLog log = new RedactingLog(lines, Arrays.asList("hunter2", null, "", "s3cret"));

        log.debug("url=jdbc:postgresql://db/shop?password=hunter2");
        log.info("hunter2 and s3cret");
        log.warn("s3cret");
        log.error("nothing secret");

        assertEquals(
                List.of(
                        "DEBUG url=jdbc:postgresql://db/shop?password=******",
                        "INFO ****** and ******",
                        "WARN ******",
                        "ERROR nothing secret"),
                lines.lines());
        assertEquals("pw ******", log.redact("pw hunter2"));
    }
}
