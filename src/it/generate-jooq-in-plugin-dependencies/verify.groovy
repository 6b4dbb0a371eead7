def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// the first build: jOOQ from <plugin><dependencies>, Flyway and the driver added when the goal needed them
// (and the third, which generates again)
assert count("jOOQ 3.19.39 runs, not ${jooqVersion} that the plugin's faster generator was written for") == 2
assert count('Generating jOOQ classes: no fingerprint of an earlier generation') == 1
// the second build: the version recorded in the fingerprint is the one the realm holds, so nothing changed
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
// the third build: a library more in the realm, whose code could name or write the classes otherwise
assert count('Generating jOOQ classes: libraries changed ( -> org.apiguardian:apiguardian-api:jar:1.1.2)') == 1
assert count('BUILD SUCCESS') == 3
assert new File(basedir, 'target/classes/it/app/db/tables/Users.class').isFile()
