package dev.textback.infra;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test infrastructure when the JUnit launcher session opens, before any
 * {@code @QuarkusTest} builds its application, and stops it when the session closes. Registered
 * through {@code META-INF/services}, so a module only has to depend on this one.
 */
public class TestInfrastructureListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestInfrastructure.ensureStarted();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestInfrastructure.stop();
    }
}
