package dev.migrate.maven;

import dev.migrate.codegen.worker.CodegenWorkers;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops this user's codegen workers of this local repository, one line per worker (its pid, memory and socket). A
 * worker otherwise leaves by itself after {@code workerIdleTimeout} idle minutes; {@code -Dmigrate.worker=false}
 * keeps builds from starting one.
 *
 * @since 0.2.0
 */
@Mojo(name = "worker-stop", requiresProject = false, threadSafe = true)
public class WorkerStopMojo extends AbstractMigrateMojo {

    @Override
    protected String goal() {
        return "worker-stop";
    }

    @Override
    protected void run(GoalContext context) {
        CodegenWorkers.stop(workersDirectory.get(), context.log());
    }
}
