def log = new File(basedir, 'build.log').text

// the downgrade script, under its own name, attached as downgrade-<from>-<to>
def script = new File(basedir, 'target/migrate/offline-sql-downgrade-1.0-downgrade-2-1.sql')
assert script.isFile()
def text = script.getText('UTF-8')
assert text.startsWith('-- Downgrade script written by migrate-maven-plugin')
assert text.contains('-- undo version 2: index users (U2__index_users.sql')
assert text.contains('-- NOT IN A TRANSACTION')
assert text.endsWith("\\echo 'Downgraded to 1'\n")
assert log.contains('(attached as offline-sql-downgrade:sql:downgrade-2-1)')

// a version without an undo script: refused naming it, nothing written
assert log.contains('undoes versions without an undo script')
assert log.contains('V3__add_nickname.sql. Write them, or downgrade to a higher version.')
assert !new File(basedir, 'target/migrate/offline-sql-downgrade-1.0-downgrade-3-1.sql').exists()
