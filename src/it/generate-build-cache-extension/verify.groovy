def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }
// the log of each invocation, split at Maven's banner line of the project
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 5

// 1: a cache miss; the plugin generates, the extension saves the module
assert builds[0].contains('Local build was not found by checksum')
// the inputs: the POM, Queries.java and the two migrations
assert builds[0].contains('Found 4 input files')
assert builds[0].contains('Generating jOOQ classes: no fingerprint of an earlier generation')
assert builds[0] =~ /Migrated the cached schema codegen_generate_build_cache_extension_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 2/
assert builds[0].contains('Saved Build to local file')

// 2: after mvn clean, the same inputs: restored, and migrate:generate does not run (no database, no jOOQ)
assert builds[1].contains('Found cached build, restoring it.migrate:generate-build-cache-extension from cache')
assert builds[1].contains('Skipping plugin execution (cached): migrate:generate')
assert !builds[1].contains('--- migrate:')
assert !builds[1].contains('Started the embedded PostgreSQL')
assert !builds[1].contains('jOOQ classes')
// what the hit restored (copied aside by invocation 3): the jar with the compiled jOOQ classes, and their sources
def restored = new File(basedir, 'restored')
def jar = new java.util.jar.JarFile(new File(restored, 'generate-build-cache-extension-1.0.jar'))
assert jar.getEntry('it/migrate/db/tables/Users.class') != null
assert jar.getEntry('it/app/Queries.class') != null
jar.close()
assert new File(restored, 'generated-sources/jooq/it/migrate/db/tables/Users.java').isFile()

// 4: a new migration in the folder, the only new input: a cache miss, the plugin migrates and generates again
assert builds[3].contains('Found 5 input files')
assert builds[3].contains('Local build was not found by checksum')
assert builds[3] =~ /Migrated the cached schema codegen_generate_build_cache_extension_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 3/
assert builds[3] =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files/

// 5: same files and POM, but -Dmigrate.locations names another folder: the reconciled parameter differs, generated
assert builds[4].contains('Plugin parameter mismatch found. Parameter: locations')
assert builds[4].contains('--- migrate:')
assert new File(basedir, 'target/generated-sources/jooq/it/migrate/db/tables/Stock.java').isFile()

assert count('Started the embedded PostgreSQL') == 3
assert count('BUILD SUCCESS') == 5
// the extension's local cache is this IT's own; its build records hold the reconciled locations, never the
// codegen password (<nolog>), even as an empty value
def records = new File(basedir, 'build-cache/v1.2/it.migrate/generate-build-cache-extension').listFiles()
// (invocation 5 rebuilt the key of invocation 4 and saved its record over it)
assert records.size() == 2
for (record in records) {
    def buildinfo = new File(record, 'local/buildinfo.xml').text
    assert buildinfo.contains('<property name="locations" tracked="true">')
    assert !buildinfo.contains('codegenPassword')
}
