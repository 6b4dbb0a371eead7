package it.app;

import com.acme.schema.tables.pojos.Events;
import java.time.Instant;

/** Compiles only with the forced type: TIMESTAMPTZ as java.time.Instant, in the configured package. */
public final class Latest {

    public static Instant createdAt(Events event) {
        return event.getCreatedAt();
    }
}
