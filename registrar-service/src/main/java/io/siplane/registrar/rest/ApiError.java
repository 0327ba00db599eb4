package io.siplane.registrar.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body of the admin API: {@code {"error": "...", "status": 400}}. Never echoes the request. */
public record ApiError(String error, int status) {

    static Response response(int status, String error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(error, status))
                .build();
    }

    static WebApplicationException exception(int status, String error) {
        return new WebApplicationException(response(status, error));
    }
}
