package dev.onnxworkbench.app.cli;

import picocli.CommandLine;

/** Reports the build's version from the jar manifest (the IDE and tests have none). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = WorkbenchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"ONNX Workbench " + (v == null ? "(development build)" : v)};
    }
}
