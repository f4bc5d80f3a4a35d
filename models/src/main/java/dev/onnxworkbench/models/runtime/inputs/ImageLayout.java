package dev.onnxworkbench.models.runtime.inputs;

/** Where the channel axis of an image tensor sits. */
public enum ImageLayout {
    /** batch, channels, height, width: PyTorch's convention. */
    NCHW,
    /** batch, height, width, channels: TensorFlow's convention. */
    NHWC
}
