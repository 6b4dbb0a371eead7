def log = new File(basedir, 'build.log').text
// what Maven reports of the failure: its error lines and the -e stack trace, not -X's dump of the configuration
def errors = log.substring(log.indexOf('[ERROR] Failed to execute goal'))

// first build: the wrong password
assert log =~ /Cannot log in to jdbc:postgresql:\/\/localhost:\d+\/postgres: .*password authentication failed for user "migrate_it"/
assert log.contains('Check the user name in <codegenUser> and the password in <codegenPassword>, -Dmigrate.codegenPassword, or the settings.xml server named by <codegenServerId>')
// second build: no password for a server that asks for one is said so, not "is the server running?"
assert log =~ /Cannot log in to jdbc:postgresql:\/\/localhost:\d+\/postgres: the server asks for a password, and none was given/
assert log.contains('Give the password in <codegenPassword>, -Dmigrate.codegenPassword, or the settings.xml server named by <codegenServerId>')
assert !log.contains('Check that the server is running')
// a user mistake, both times (Maven prints the Mojo exception's class with -e)
assert log.split(java.util.regex.Pattern.quote('Caused by: org.apache.maven.plugin.MojoFailureException'), -1).length - 1 == 2
assert !errors.contains('MojoExecutionException')
// only the codegen server's parameters: none of the target's
['<url>', '<user>', '<serverId>', '-Dmigrate.password', '-Dmigrate.url', 'MIGRATE_'].each { assert !errors.contains(it) : it }
assert !log.contains('Wr0ng-Codegen-Value')
