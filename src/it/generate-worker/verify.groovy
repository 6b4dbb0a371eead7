def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }
def workers = new File(localRepositoryPath, '.cache/migrate-maven-plugin/workers')
def started = (log =~ /Started the codegen worker \(pid (\d+)\)/)

try {
    // the first build starts the worker, once; both builds generate in it
    assert started.size() == 1
    // the way back to the build's JVM, named by the Maven layer (the core's client is handed the hint)
    assert log =~ /Started the codegen worker \(pid \d+\) in \d+ ms: .* idle; -Dmigrate\.worker=false runs jOOQ in the build's JVM/
    assert (log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files, \d+ written, 0 removed \(\d+ ms in the codegen worker\)/).size() == 2
    assert !log.contains("doing it in the build's JVM")
    assert count('BUILD SUCCESS') == 5
    // the worker runs the cached schema's server, which the second build finds running
    assert count('Started the embedded PostgreSQL') == 1
    assert log =~ /Started the embedded PostgreSQL [\d.]+ for the jOOQ classes of this build in \d+ ms \(.*\); it waits 5 min for the next build, and stops with the codegen worker/
    assert log =~ /Migrated the cached schema codegen_generate_worker_\w+ \(PostgreSQL [\d.]+\) to version \d+: \d+ migrations? in \d+ ms \(database ready in \d+ ms\)/
    // what it generated compiles, and the second generation changed nothing
    assert (log =~ /\d+ files, 0 written, 0 removed \(\d+ ms in the codegen worker\)/).size() == 1
    assert new File(basedir, 'target/classes/it/app/Queries.class').isFile()
    assert new File(basedir, 'target/generated-sources/jooq/it/migrate/db/tables/Users.java').isFile()
    // the worker's socket lives in a directory only the user can enter
    assert java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(workers.toPath())) == 'rwx------'

    long pid = started[0][1] as long
    // migrate:worker-status: one line for the worker, with its memory and socket
    assert log =~ /\[INFO\] Codegen worker: pid ${pid}, \d+ MiB resident, started \S+, socket \S+\.sock/
    // migrate:worker-stop: it says which one, and the process and its socket are gone
    def stopped = (log =~ /\[INFO\] Stopped the codegen worker \(pid ${pid}, .*, socket (\S+\.sock)\)/)
    assert stopped.find()
    assert !ProcessHandle.of(pid).map { it.isAlive() }.orElse(false)
    // its own socket: a worker killed by an earlier run of this local repository may have left one of another key
    assert !new File(stopped.group(1)).exists()
    // and the server it ran has stopped with it
    def cluster = new File(basedir, 'target/migrate').listFiles().find { it.name.startsWith('codegen-postgres-') && it.isDirectory() }
    assert cluster != null && new File(cluster, 'PG_VERSION').isFile()
    assert !new File(cluster, 'postmaster.pid').exists()
    // and then there is none
    assert count('[INFO] No codegen worker of this user runs for ') == 1
} finally {
    // the worker this test started, and no other of the user's
    started.each { ProcessHandle.of(it[1] as long).ifPresent { it.destroy() } }
}
