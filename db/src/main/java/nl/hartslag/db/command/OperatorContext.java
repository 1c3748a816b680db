package nl.hartslag.db.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.Banner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.Lifecycle;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * The application's context for an operator command: the same beans, settings and database as the
 * service (so a command finds every feature's tables and sealed columns), but nothing of the service
 * runs in it: no web server, no start-up runner, beans made only when the command asks for them, and
 * of all lifecycle beans only the database's own (the embedded PostgreSQL, stopped at the end) start.
 */
public final class OperatorContext {

    private OperatorContext() {
    }

    /** A builder for {@code application}'s context as above; the caller adds its default properties and runs it. */
    public static SpringApplicationBuilder builder(Class<?> application) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .lazyInitialization(true)
                .logStartupInfo(false)
                .initializers(c -> c.addBeanFactoryPostProcessor(new NothingOfTheServiceRuns()));
    }

    /** The innermost cause's message: what an operator can act on ("connection refused", "locked"). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Leaves start-up runners out and starts only the database's lifecycle. */
    private static final class NothingOfTheServiceRuns implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
            registry.registerBeanDefinition(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME,
                    new RootBeanDefinition(DatabaseLifecycleOnly.class));
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) throws BeansException {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) factory;
            for (Class<?> runner : List.of(ApplicationRunner.class, CommandLineRunner.class)) {
                for (String name : factory.getBeanNamesForType(runner, true, false)) {
                    registry.removeBeanDefinition(name);
                }
            }
        }
    }

    /** Starts and stops only the lifecycle beans of {@code nl.hartslag.db} (the embedded PostgreSQL). */
    static final class DatabaseLifecycleOnly extends DefaultLifecycleProcessor {

        private ConfigurableListableBeanFactory factory;

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            super.setBeanFactory(beanFactory);
            this.factory = (ConfigurableListableBeanFactory) beanFactory;
        }

        @Override
        protected Map<String, Lifecycle> getLifecycleBeans() {
            Map<String, Lifecycle> beans = new LinkedHashMap<>();
            for (String name : factory.getBeanNamesForType(Lifecycle.class, false, false)) {
                Class<?> type = factory.getType(name, false);
                // Not this processor itself: it lives in nl.hartslag.db too, and stopping it would stop it again.
                if (type != null && type.getName().startsWith("nl.hartslag.db.")
                        && !DefaultLifecycleProcessor.class.isAssignableFrom(type)) {
                    beans.put(name, factory.getBean(name, Lifecycle.class));
                }
            }
            return beans;
        }
    }
}
