/** The network factory (configuration to DL4J MultiLayerConfiguration) and the model store. */
package io.fashionspark.model;
