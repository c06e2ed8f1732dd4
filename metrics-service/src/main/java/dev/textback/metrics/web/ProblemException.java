package dev.textback.metrics.web;

import java.util.List;

/** Thrown by resources to answer with a given problem; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new FieldError(field, message))));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.validation(errors));
    }

    public Problem problem() {
        return problem;
    }
}
