package io.tollgate.engine.support;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The 2xx statuses a handler method answers with where its signature does not say so: a handler
 * returning {@code ResponseEntity} built with {@code ResponseEntity.created(...)},
 * {@code noContent()} or {@code status(HttpStatus.CREATED)} is documented as 200 by springdoc. Reads
 * the method's bytecode (and that of the lambdas it creates) for those calls and constants, so
 * controllers keep their status in code alone and the document cannot drift from it.
 */
final class SuccessStatuses {

    private static final String RESPONSE_ENTITY = "org/springframework/http/ResponseEntity";
    private static final String HTTP_STATUS = Type.getInternalName(HttpStatus.class);
    private static final Map<String, Integer> FACTORIES = Map.of("ok", 200, "created", 201, "accepted", 202,
            "noContent", 204);

    private SuccessStatuses() {
    }

    /** The 2xx statuses the method's code names, in order; empty where it names none or cannot be read. */
    static Set<Integer> of(Method method) {
        Class<?> owner = method.getDeclaringClass();
        Map<String, Found> methods = new HashMap<>();
        String file = owner.getName().substring(owner.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                return Set.of();
            }
            new ClassReader(in).accept(new Scanner(Type.getInternalName(owner), methods), ClassReader.SKIP_DEBUG);
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        Set<Integer> statuses = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(method.getName() + Type.getMethodDescriptor(method));
        while (!todo.isEmpty()) {
            Found found = methods.get(todo.pop());
            if (found != null && seen.add(found.id)) {
                statuses.addAll(found.statuses);
                todo.addAll(found.lambdas);
            }
        }
        return statuses;
    }

    private static final class Found {
        final String id;
        final Set<Integer> statuses = new HashSet<>();
        final Set<String> lambdas = new HashSet<>();

        Found(String id) {
            this.id = id;
        }
    }

    private static final class Scanner extends ClassVisitor {
        private final String owner;
        private final Map<String, Found> methods;

        Scanner(String owner, Map<String, Found> methods) {
            super(SpringAsmInfo.ASM_VERSION);
            this.owner = owner;
            this.methods = methods;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            Found found = new Found(name + descriptor);
            methods.put(found.id, found);
            return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public void visitFieldInsn(int opcode, String fieldOwner, String field, String fieldDescriptor) {
                    if (opcode == Opcodes.GETSTATIC && HTTP_STATUS.equals(fieldOwner)) {
                        try {
                            int status = HttpStatus.valueOf(field).value();
                            if (status >= 200 && status < 300) {
                                found.statuses.add(status);
                            }
                        } catch (IllegalArgumentException notAStatus) {
                            // some other static of HttpStatus
                        }
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String methodOwner, String method, String methodDescriptor,
                                            boolean isInterface) {
                    if (opcode == Opcodes.INVOKESTATIC && RESPONSE_ENTITY.equals(methodOwner) && FACTORIES.containsKey(method)) {
                        found.statuses.add(FACTORIES.get(method));
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String lambda, String lambdaDescriptor, Handle bootstrap,
                                                   Object... arguments) {
                    for (Object argument : arguments) {
                        if (argument instanceof Handle handle && owner.equals(handle.getOwner())) {
                            found.lambdas.add(handle.getName() + handle.getDesc());
                        }
                    }
                }
            };
        }
    }
}
