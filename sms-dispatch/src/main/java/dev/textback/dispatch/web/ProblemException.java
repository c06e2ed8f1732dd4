package dev.textback.dispatch.web;

/** Thrown anywhere in request handling to answer with a problem body; nothing has been applied yet. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, java.util.List<Problem.FieldError> errors) {
        return new ProblemException(Problem.invalid(detail, errors));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
    }
}
