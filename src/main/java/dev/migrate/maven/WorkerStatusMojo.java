package dev.migrate.maven;

import dev.migrate.codegen.worker.CodegenWorkers;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists this user's codegen workers of this local repository, one line per worker: its pid, resident memory, start
 * time and socket. {@code migrate:worker-stop} stops them.
 *
 * @since 0.2.0
 */
@Mojo(name = "worker-status", requiresProject = false, threadSafe = true)
public class WorkerStatusMojo extends AbstractMigrateMojo {

    @Override
    protected String goal() {
        return "worker-status";
    }

    @Override
    protected void run(GoalContext context) {
        CodegenWorkers.status(workersDirectory.get(), context.log());
    }
}
