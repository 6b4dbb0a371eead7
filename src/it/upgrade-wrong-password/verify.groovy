def log = new File(basedir, 'build.log').text
// what Maven reports of the failure: its error lines and the -e stack trace, not -X's dump of the configuration
def errors = log.substring(log.indexOf('[ERROR] Failed to execute goal'))

assert log =~ /Cannot log in to jdbc:postgresql:\/\/localhost:\d+\/it_redaction: .*password authentication failed for user "migrate_it"/
assert log.contains('Check the user name in <user> or the MIGRATE_USER environment variable and the password in <password>, -Dmigrate.password or the MIGRATE_PASSWORD environment variable, or the settings.xml server named by <serverId>')
// a user mistake (-X prints the Mojo exception's class)
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')
assert !errors.contains('MojoExecutionException')
// only the target's parameters: none of the codegen server's
assert !errors.contains('<codegen')
assert !errors.contains('-Dmigrate.codegen')
assert !log.contains('Wr0ng-Secret-Value')
