def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// both modules migrated in the first build; the second build migrates the first module alone, with nothing to apply
assert count('Upgraded the embedded development database from empty to 1: 1 migration') == 2
assert !log.contains('jackson-databind') : 'Flyway found Jackson for the extension setting'
assert count('BUILD SUCCESS') == 2

// the class-load log of the second build (each build's JVM rewrites it): Flyway ran, Jackson was not loaded
def loaded = new File(basedir, 'class-load.txt').readLines()
        .collect { line -> (line =~ /\[class,load\] (\S+)/).with { it.find() ? it.group(1) : null } }
        .findAll { it != null }
assert loaded.contains('org.flywaydb.core.Flyway') : 'the log is the one of a build that started Flyway'
def jackson = loaded.findAll { it.startsWith('tools.jackson.') || it.startsWith('com.fasterxml.jackson.') }
assert jackson.isEmpty() : 'a build without a Flyway extension setting loaded Jackson: ' + jackson.take(5)
