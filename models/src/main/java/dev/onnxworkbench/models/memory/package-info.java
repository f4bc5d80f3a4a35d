/**
 * Memory budgets for runs that keep activations (divergence, inspection): the budget itself, the activation sizes
 * a model will produce on given inputs (a shape pass), and batches of tensors sized to fit.
 */
package dev.onnxworkbench.models.memory;
