package dev.textback.access;

/** Thrown by {@link BusinessAccess#require(String)}; answered 404, the same as an unknown business. */
public class BusinessNotVisibleException extends RuntimeException {
    private final String businessId;

    public BusinessNotVisibleException(String businessId) {
        super("business not visible to this token", null, false, false);
        this.businessId = businessId;
    }

    public String businessId() {
        return businessId;
    }
}
