package io.siplane.b2bua.state;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of the call state ({@code siplane_b2bua.proto}); the annotation processor generates the
 * implementation ({@code CallStateSchemaImpl}) with the marshallers. Register it with the cache manager's
 * serialization configuration.
 */
@ProtoSchema(
        includeClasses = {CallRecord.class, CallPhase.class},
        schemaFileName = "siplane_b2bua.proto",
        schemaFilePath = "proto/",
        schemaPackageName = "siplane.b2bua")
public interface CallStateSchema extends GeneratedSchema {}
