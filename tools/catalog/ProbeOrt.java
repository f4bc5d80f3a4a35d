import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Creates a session for one model and prints whether ONNX Runtime accepted it (see make_probe_models.py). */
public class ProbeOrt {
    public static void main(String[] args) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(args[0], options)) {
            System.out.println(args[0] + " ACCEPTED");
        } catch (OrtException e) {
            System.out.println(args[0] + " REFUSED " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
