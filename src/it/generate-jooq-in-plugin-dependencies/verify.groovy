def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// the first build: jOOQ from <plugin><dependencies>, Flyway and the driver added when the goal needed them
assert count("jOOQ 3.19.39 runs, not ${jooqVersion} that the plugin's faster generator was written for") == 1
assert count('Generating jOOQ classes: no fingerprint of an earlier generation') == 1
// the second build: the version recorded in the fingerprint is the one the realm holds, so nothing changed
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
assert count('BUILD SUCCESS') == 2
assert new File(basedir, 'target/classes/it/app/db/tables/Users.class').isFile()
