def script = new File(basedir, 'upgrade.sql')
def debian = new File(basedir, 'upgrade-debian-maven.sql')

// Debian's Maven 3.8.7 (.ci/run installs the package 'maven'), on the same local repository; online, because it
// resolves what the wrapper's Maven never needed (plexus-utils 1.1, which Maven 3.8 adds to every plugin)
def mvn = new File('/usr/bin/mvn')
assert mvn.canExecute() : "${mvn} is missing: install Debian's package 'maven' (.ci/run does)"
def command = [mvn.path, '-q', '-s', new File(basedir, '../interpolated-settings.xml').path,
        "-Dmaven.repo.local=${localRepositoryPath}", '-Dmigrate.worker=false',
        "${pluginCoordinates}:offline-sql", '-Dmigrate.from=1', "-Dmigrate.output=${debian.name}"]
def process = command.execute(null, basedir)
def out = new StringBuilder(), err = new StringBuilder()
process.waitForProcessOutput(out, err)
assert process.exitValue() == 0 : "${command.join(' ')}\n${out}\n${err}"

[script, debian].each { file ->
    def text = file.getText('UTF-8')
    assert text.startsWith('-- Upgrade script written by migrate-maven-plugin') : file
    assert text.endsWith("\\echo 'Upgraded to 2'\n") : file
    assert !text.contains('\u001b') : file
}
assert script.bytes == debian.bytes
// what Debian's Maven would have put into a redirected standard output: not into the file
assert !out.toString().contains('-- Upgrade script')
