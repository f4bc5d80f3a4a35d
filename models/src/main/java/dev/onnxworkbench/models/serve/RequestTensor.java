package dev.onnxworkbench.models.serve;

/**
 * One tensor of an infer request as the client sent it: name, shape (null if the client gave none),
 * datatype and the values read row-major (flat or nested arrays flattened).
 */
record RequestTensor(String name, long[] shape, V2Datatype datatype, TensorValues values) {
}
