package dev.onnxworkbench.models.serve;

import java.util.List;

/**
 * A parsed v2 infer request: the optional {@code id} to echo, the input tensors, and the names of the
 * outputs asked for (empty: all of them). Request {@code parameters} are accepted and ignored.
 */
record InferRequest(String id, List<RequestTensor> inputs, List<String> outputs) {
}
