package dev.onnxworkbench.models.ops;

import java.util.List;
import java.util.Objects;

/**
 * One version of one operator, as the specification defines it from {@code sinceVersion} on.
 *
 * @param domain           normalized domain: {@code ai.onnx}, {@code ai.onnx.ml}, {@code com.microsoft}, ...
 * @param name             operator type, e.g. {@code Conv}
 * @param sinceVersion     the opset version that introduced this definition
 * @param category         what kind of work it does (never {@link OperatorCategory#CUSTOM} for catalog entries)
 * @param description      one line for people, written for this catalog
 * @param documentationUrl the official page of the operator
 * @param deprecated       whether the specification deprecates this version
 * @param typeConstraints  the type variables its inputs and outputs use, with the types each allows
 */
public record OperatorSchema(
        String domain,
        String name,
        int sinceVersion,
        OperatorCategory category,
        String description,
        String documentationUrl,
        List<FormalParameter> inputs,
        List<FormalParameter> outputs,
        List<AttributeSchema> attributes,
        boolean deprecated,
        List<TypeConstraint> typeConstraints) {

    public OperatorSchema {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(documentationUrl, "documentationUrl");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
        typeConstraints = List.copyOf(typeConstraints);
    }

    /**
     * The types a parameter of this version accepts: those of its type variable, or the one type it names
     * itself (such as {@code tensor(int64)} for Reshape's shape).
     */
    public List<String> allowedTypes(FormalParameter parameter) {
        for (TypeConstraint constraint : typeConstraints) {
            if (constraint.name().equals(parameter.typeConstraint())) {
                return constraint.allowedTypes();
            }
        }
        return List.of(parameter.typeConstraint());
    }

    /** "Conv" for the default domain, "com.microsoft.Attention" otherwise, as Netron and ONNX Runtime print them. */
    public String qualifiedName() {
        return OperatorCatalog.DEFAULT_DOMAIN.equals(domain) ? name : domain + "." + name;
    }
}
