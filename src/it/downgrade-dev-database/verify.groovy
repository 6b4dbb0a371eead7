def log = new File(basedir, 'build.log').text

// the undo scripts beside the migrations stop no goal
assert log =~ /Upgraded the embedded development database from empty to 3: 3 migrations in \d+ ms/
// one line per undone version, the latest first, then the summary
assert log =~ /(?s)Undid 3  index email  \[U3__index_email.sql\] \(\d+ ms\).*Undid 2  add email  \[U2__add_email.sql\] \(\d+ ms\)/
assert log =~ /Downgraded the embedded development database from 3 to 1: 2 versions undone in \d+ ms/
// Flyway's info reads the history: version 1 current, the undone versions pending again
assert log.contains('Current version: 1; pending migrations: 2')
assert !new File(basedir, 'target/migrate/devdb/postmaster.pid').exists()
// the rows of the undone versions stay in the history, shown as deleted, beside the pending versions
assert log =~ /\| Versioned \| 2\s+\| add email\s+\| SQL\s+\| [0-9: -]+\| Deleted\s+\|/
assert log =~ /\| Versioned \| 2\s+\| add email\s+\| SQL\s+\|\s+\| Pending\s+\|/
