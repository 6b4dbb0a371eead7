package dev.migrate.check;

import dev.migrate.check.Finding.Level;

/** The kinds of finding, with the stable id that reports and CI rules use. */
public enum FindingCode implements FindingRule {
    NAMING("naming", Level.ERROR, "A migration file name Flyway does not accept"),
    DUPLICATE_VERSION("duplicate-version", Level.ERROR, "Two migration files with the same version"),
    OUT_OF_ORDER("out-of-order", Level.ERROR, "A new migration with a version below the highest released one"),
    UNRESOLVED_PLACEHOLDER("unresolved-placeholder", Level.ERROR, "A placeholder with no value and no default"),
    LOCKED_EDITED("locked-edited", Level.ERROR, "A released migration whose content changed"),
    LOCKED_REMOVED("locked-removed", Level.ERROR, "A released migration whose file is gone"),
    LOCKED_RENAMED("locked-renamed", Level.ERROR, "A released migration whose file name changed"),
    NOT_LOCKED("not-locked", Level.WARNING, "A migration not yet recorded in the lock file"),
    LOCK_CONFLICT("lock-conflict", Level.ERROR, "Merge conflict markers in the lock file"),
    LOCK_DUPLICATE_VERSION("lock-duplicate-version", Level.ERROR, "One version twice in the lock file"),
    LOCK_DIGEST("lock-digest", Level.ERROR, "A lock file edited or merged by hand"),
    LOCK_MALFORMED("lock-malformed", Level.ERROR, "A line the lock file cannot hold"),
    VALIDATE("validate", Level.ERROR, "What Flyway's validate finds: pending, failed, changed or missing migrations"),
    DRIFT("drift", Level.ERROR, "The database's schema differs from the one its migrations produce"),
    UNDO_ROUND_TRIP(
            "undo-round-trip", Level.ERROR, "An undo script that does not restore the schema before its version");

    private final String id;
    private final Level level;
    private final String title;

    FindingCode(String id, Level level, String title) {
        this.id = id;
        this.level = level;
        this.title = title;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Level level() {
        return level;
    }

    @Override
    public String title() {
        return title;
    }
}
