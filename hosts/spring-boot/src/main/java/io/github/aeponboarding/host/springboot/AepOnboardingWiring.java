package io.github.aeponboarding.host.springboot;

import io.github.aeponboarding.runtime.OnboardingConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Everything a Spring Boot host adds to run the bundle. The bundle's defaults come from its jar as the
 * lowest-priority property source (a {@code @PropertySource} ranks below application.properties, the
 * environment and test properties, so the host's settings always win); its YAML routes come from the jar
 * through {@code camel.main.routes-include-pattern}; its beans from its camel-main configuration class,
 * which needs only a CamelContext, applied before Camel starts.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:aep-config/application.properties")
public class AepOnboardingWiring {

    @Bean
    CamelContextConfiguration aepOnboardingBeans() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                try {
                    new OnboardingConfiguration().configure(context);
                } catch (Exception e) {
                    throw new IllegalStateException("the AEP onboarding bundle could not be configured", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing: the bundle's routes start with the context
            }
        };
    }
}
