package dev.onnxworkbench.app.cli;

import picocli.CommandLine;

/**
 * Reports the version: the installer's launcher sets {@code jpackage.app-version}; a development build
 * started by the launcher script has none and says so.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = System.getProperty("jpackage.app-version");
        if (v == null) {
            v = WorkbenchCommand.class.getPackage().getImplementationVersion();
        }
        return new String[] {"ONNX Workbench " + (v == null ? "(development build)" : v)};
    }
}
