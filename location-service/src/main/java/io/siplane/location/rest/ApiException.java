package io.siplane.location.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An answer other than 2xx, with the reason for the client. Written as an {@link ApiError} body. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String reason) {
        super(reason, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(404, reason);
    }

    /** Writes an {@link ApiException} as its JSON body. */
    @Provider
    public static final class Mapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return Response.status(e.status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(e.getMessage(), e.status))
                    .build();
        }
    }
}
